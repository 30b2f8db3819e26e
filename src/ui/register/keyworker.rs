//! The keyworker filter's picker: one name from the caseload list, with each one's count.

use super::dialogs::DialogKey;
use crate::ui::keymap::{apply_motion, keys};
use crate::ui::pane::View;
use crate::ui::sanitize::clean;
use crate::ui::widgets::keys::Pick;
use crate::ui::widgets::modal;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

pub struct KeyworkerPicker {
    pub names: Vec<(String, usize)>,
    pub selected: usize,
}

impl KeyworkerPicker {
    pub fn handle_key(&mut self, key: KeyEvent) -> DialogKey {
        let k = keys();
        match k.widgets.pick.action(&key) {
            Some(Pick::Cancel) => return DialogKey::Cancel,
            Some(Pick::Choose) => return DialogKey::Save,
            None => {}
        }
        if let Some(m) = k.motion.action(&key) {
            self.selected = apply_motion(self.selected, self.names.len(), 1, m);
        }
        DialogKey::Stay
    }

    pub fn chosen(&self) -> Option<String> {
        self.names.get(self.selected).map(|(n, _)| n.clone())
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, view: &View) {
        let t = view.theme;
        let h = (self.names.len() as u16 + 3).min(area.height);
        let inner = modal(frame, area, 44, h, " Filter by keyworker ", t);
        let page = inner.height.saturating_sub(1) as usize;
        let offset = self.selected.saturating_sub(page.saturating_sub(1));
        let mut lines: Vec<Line> = self
            .names
            .iter()
            .enumerate()
            .skip(offset)
            .take(page)
            .map(|(i, (n, c))| {
                let s = format!(" {:<30} {c:>5}", clean(n));
                if i == self.selected {
                    Line::styled(s, t.selected())
                } else {
                    Line::raw(s)
                }
            })
            .collect();
        lines.push(Line::styled(" Enter filters · Esc cancels", t.dim()));
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
