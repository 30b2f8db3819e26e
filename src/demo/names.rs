//! Fictional names for the demo register. Given names carry the short forms people really go by
//! (Alexander → Alex), and surnames are drawn from a pool of about ten thousand, so searching a
//! name on a register of 100,000 finds a handful of people, as it would in a real area.

use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

/// (given name, the short forms it is commonly shortened to).
type Given = (&'static str, &'static [&'static str]);

const FEMALE: &[Given] = &[
    ("Abigail", &["Abbie", "Abby"]),
    ("Aisha", &[]),
    ("Alexandra", &["Alex", "Lexi"]),
    ("Amara", &[]),
    ("Amelia", &["Millie", "Amy"]),
    ("Anna", &[]),
    ("Ava", &[]),
    ("Bethany", &["Beth"]),
    ("Caitlin", &["Cait"]),
    ("Catherine", &["Cath", "Kate"]),
    ("Charlotte", &["Charlie", "Lottie"]),
    ("Chloe", &[]),
    ("Christina", &["Chris", "Tina"]),
    ("Daisy", &[]),
    ("Deborah", &["Debbie"]),
    ("Eleanor", &["Ellie", "Nell"]),
    ("Elizabeth", &["Liz", "Beth", "Lizzie"]),
    ("Emily", &["Em"]),
    ("Erin", &[]),
    ("Evie", &[]),
    ("Fatima", &[]),
    ("Florence", &["Flo", "Florrie"]),
    ("Freya", &[]),
    ("Gabriella", &["Gabby", "Ella"]),
    ("Georgina", &["Georgie", "Gina"]),
    ("Grace", &[]),
    ("Hana", &[]),
    ("Hannah", &[]),
    ("Harriet", &["Hattie"]),
    ("Imogen", &["Immy"]),
    ("Isabella", &["Bella", "Izzy"]),
    ("Isla", &[]),
    ("Jacqueline", &["Jackie"]),
    ("Jade", &[]),
    ("Jennifer", &["Jen", "Jenny"]),
    ("Jessica", &["Jess"]),
    ("Josephine", &["Jo", "Josie"]),
    ("Katherine", &["Kate", "Katie", "Kat"]),
    ("Keira", &[]),
    ("Lily", &[]),
    ("Lucy", &[]),
    ("Madison", &["Maddie"]),
    ("Margaret", &["Maggie", "Peggy"]),
    ("Maya", &[]),
    ("Megan", &["Meg"]),
    ("Natalie", &["Nat"]),
    ("Niamh", &[]),
    ("Olivia", &["Liv", "Livvy"]),
    ("Penelope", &["Penny"]),
    ("Poppy", &[]),
    ("Priya", &[]),
    ("Rebecca", &["Becky", "Becca"]),
    ("Rosie", &[]),
    ("Samantha", &["Sam"]),
    ("Sian", &[]),
    ("Sophia", &["Sophie"]),
    ("Stephanie", &["Steph"]),
    ("Susannah", &["Susie"]),
    ("Tia", &[]),
    ("Victoria", &["Vicky", "Tori"]),
    ("Violet", &[]),
    ("Wiktoria", &[]),
    ("Yasmin", &["Yas"]),
    ("Zara", &[]),
    ("Zoë", &[]),
];

const MALE: &[Given] = &[
    ("Aaron", &[]),
    ("Adam", &[]),
    ("Alexander", &["Alex", "Xander"]),
    ("Anthony", &["Tony", "Ant"]),
    ("Arjun", &[]),
    ("Benjamin", &["Ben", "Benji"]),
    ("Callum", &["Cal"]),
    ("Charles", &["Charlie"]),
    ("Christopher", &["Chris", "Kit"]),
    ("Daniel", &["Dan", "Danny"]),
    ("David", &["Dave"]),
    ("Dylan", &[]),
    ("Edward", &["Ed", "Eddie", "Ted"]),
    ("Elijah", &["Eli"]),
    ("Ethan", &[]),
    ("Finlay", &["Finn"]),
    ("Frederick", &["Fred", "Freddie"]),
    ("Gabriel", &["Gabe"]),
    ("George", &[]),
    ("Harvey", &[]),
    ("Henry", &["Harry", "Hal"]),
    ("Ibrahim", &[]),
    ("Isaac", &["Zac"]),
    ("Jacob", &["Jake"]),
    ("James", &["Jamie", "Jim"]),
    ("Jonathan", &["Jon", "Jonny"]),
    ("Joseph", &["Joe", "Joey"]),
    ("Joshua", &["Josh"]),
    ("Kai", &[]),
    ("Kwame", &[]),
    ("Leo", &[]),
    ("Lewis", &[]),
    ("Louis", &[]),
    ("Mason", &[]),
    ("Matthew", &["Matt"]),
    ("Michael", &["Mike", "Mick"]),
    ("Mohammed", &["Mo"]),
    ("Nathaniel", &["Nat", "Nate"]),
    ("Nicholas", &["Nick", "Nicky"]),
    ("Noah", &[]),
    ("Oliver", &["Ollie"]),
    ("Oscar", &[]),
    ("Owen", &[]),
    ("Patrick", &["Pat", "Paddy"]),
    ("Peter", &["Pete"]),
    ("Ravi", &[]),
    ("Reuben", &[]),
    ("Richard", &["Rich", "Rick"]),
    ("Robert", &["Rob", "Bob", "Robbie"]),
    ("Ryan", &[]),
    ("Samuel", &["Sam", "Sammy"]),
    ("Sebastian", &["Seb"]),
    ("Stephen", &["Steve"]),
    ("Theodore", &["Theo", "Ted"]),
    ("Thomas", &["Tom", "Tommy"]),
    ("Timothy", &["Tim"]),
    ("Tomasz", &["Tomek"]),
    ("Usman", &[]),
    ("William", &["Will", "Bill", "Billy"]),
    ("Yusuf", &[]),
    ("Zachary", &["Zach"]),
];

/// Surnames as they are: common in England, from many backgrounds (none also a given name or a
/// demo staff member's surname, so a leak test that looks for surnames finds only people).
const SURNAMES: &[&str] = &[
    "Abbott",
    "Adeyemi",
    "Ahmed",
    "Ali",
    "Allen",
    "Anderson",
    "Armstrong",
    "Atkinson",
    "Bailey",
    "Baker",
    "Banerjee",
    "Barker",
    "Begum",
    "Bell",
    "Bennett",
    "Bibi",
    "Brown",
    "Butler",
    "Campbell",
    "Carter",
    "Chapman",
    "Chowdhury",
    "Clarke",
    "Collins",
    "Cook",
    "Cooper",
    "Cox",
    "Davies",
    "Dixon",
    "Evans",
    "Fisher",
    "Foster",
    "Gill",
    "Graham",
    "Gray",
    "Green",
    "Griffiths",
    "Hall",
    "Harris",
    "Harrison",
    "Hill",
    "Holmes",
    "Hughes",
    "Hunt",
    "Hussain",
    "Jackson",
    "Jenkins",
    "Johnson",
    "Jones",
    "Kaur",
    "Kelly",
    "Khan",
    "King",
    "Kowalski",
    "Lee",
    "Lloyd",
    "Marshall",
    "Martin",
    "Matthews",
    "Miah",
    "Mills",
    "Mitchell",
    "Moore",
    "Morgan",
    "Morris",
    "Murphy",
    "Murray",
    "Nowak",
    "Nwosu",
    "O'Brien",
    "Okafor",
    "Palmer",
    "Parker",
    "Patel",
    "Phillips",
    "Powell",
    "Quinn",
    "Rahman",
    "Reid",
    "Richards",
    "Roberts",
    "Robinson",
    "Rogers",
    "Russell",
    "Scott",
    "Shaw",
    "Simpson",
    "Singh",
    "Smith",
    "Stevens",
    "Stewart",
    "Taylor",
    "Thompson",
    "Turner",
    "Walker",
    "Walsh",
    "Ward",
    "Watson",
    "Webb",
    "White",
    "Williams",
    "Wilson",
    "Wood",
    "Wright",
    "Young",
];

/// Beginnings and endings of English place-name surnames (Ash + worth, Black + well): together
/// several thousand plausible names, few of them shared by many people.
const STEMS: &[&str] = &[
    "Ab", "Ack", "Ald", "Alder", "Ash", "Ather", "Bag", "Bain", "Bar", "Barn", "Bart", "Bed",
    "Bel", "Bent", "Berk", "Bing", "Birch", "Black", "Blen", "Bol", "Boot", "Brad", "Bram",
    "Brent", "Brock", "Brom", "Brook", "Brough", "Buck", "Burn", "Cal", "Cam", "Cars", "Chad",
    "Chat", "Ches", "Clay", "Clif", "Cold", "Cole", "Cook", "Cors", "Cot", "Crab", "Cran", "Crom",
    "Crow", "Dal", "Dar", "Den", "Dor", "Dun", "Eas", "Edge", "Elm", "Ever", "Fair", "Farn", "Fel",
    "Fen", "Fern", "Fox", "Frank", "Gar", "Gates", "Glad", "Gold", "Gran", "Green", "Gris", "Hal",
    "Ham", "Hart", "Has", "Hath", "Hay", "Heath", "Hen", "Her", "Hew", "Hol", "Holl", "Horn",
    "Hux", "Ing", "Kel", "Ken", "Kings", "Kirk", "Knight", "Lang", "Lath", "Lind", "Lock", "Long",
    "Lyn", "Mal", "Mar", "Mel", "Mid", "Mill", "Mor", "Nor", "Oak", "Old", "Pem", "Pen", "Pick",
    "Pres", "Rad", "Raven", "Red", "Ris", "Roch", "Rod", "Roth", "Rush", "Sal", "Sand", "Sax",
    "Shel", "Sher", "Ship", "Stan", "Stock", "Stone", "Sud", "Sut", "Swin", "Tam", "Thorn", "Thur",
    "Tod", "Wad", "Wake", "Wal", "War", "Wel", "West", "Whit", "Wick", "Wil", "Win", "Wood", "Wor",
];
const ENDINGS: &[&str] = &[
    "bury", "by", "combe", "cott", "dale", "den", "don", "field", "ford", "gate", "ham", "hill",
    "hurst", "ington", "land", "leigh", "ley", "low", "more", "ridge", "shaw", "stead", "ston",
    "thorpe", "ton", "well", "wick", "wood", "worth", "croft", "brook", "bridge", "church", "lake",
    "mere", "moor", "stow", "wright", "ling",
];

/// A given name for someone of `sex`, and the short form they go by, if any (about one in three
/// people whose name has one).
pub fn given(rng: &mut ChaCha8Rng, female: bool) -> (&'static str, Option<&'static str>) {
    let pool = if female { FEMALE } else { MALE };
    let (name, short) = pool.choose(rng).copied().unwrap_or(("Sam", &[]));
    let preferred = if !short.is_empty() && rng.random::<f64>() < 0.35 {
        short.choose(rng).copied()
    } else {
        None
    };
    (name, preferred)
}

/// A surname: one in six from the common list, the rest composed.
pub fn surname(rng: &mut ChaCha8Rng) -> String {
    if rng.random::<f64>() < 1.0 / 6.0 {
        return SURNAMES.choose(rng).copied().unwrap_or("Smith").to_string();
    }
    let stem = STEMS.choose(rng).copied().unwrap_or("Ash");
    let at = rng.random_range(0..ENDINGS.len());
    // "Ash" + "hurst" would read "Ashhurst": take the next ending whose first letter differs.
    let end = (0..ENDINGS.len())
        .map(|k| ENDINGS[(at + k) % ENDINGS.len()])
        .find(|e| stem.chars().last() != e.chars().next())
        .unwrap_or("ton");
    format!("{stem}{end}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    // A name search on a large register must find a handful of people, not thousands.
    #[test]
    fn surnames_are_varied_enough_for_search() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let mut seen = std::collections::HashMap::<String, usize>::new();
        for _ in 0..100_000 {
            *seen.entry(surname(&mut rng)).or_default() += 1;
        }
        assert!(seen.len() > 5_000, "only {} distinct surnames", seen.len());
        let mut counts: Vec<usize> = seen.values().copied().collect();
        counts.sort_unstable();
        let median = counts[counts.len() / 2];
        assert!(median <= 20, "a typical surname is shared by {median}");
    }

    // A preferred name is a real short form of the given name (Alexander → Alex), never a cut-off.
    #[test]
    fn preferred_names_are_short_forms() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        for _ in 0..2_000 {
            let female = rng.random();
            let (name, preferred) = given(&mut rng, female);
            if let Some(p) = preferred {
                let pool = if female { FEMALE } else { MALE };
                let forms = pool.iter().find(|(n, _)| *n == name).map(|(_, f)| *f);
                assert!(forms.is_some_and(|f| f.contains(&p)), "{name} -> {p}");
            }
        }
    }
}
