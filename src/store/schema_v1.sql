-- Version 1 of the register. Every editable row carries `version` for optimistic concurrency.
-- Dates are ISO text (YYYY-MM-DD); timestamps are RFC 3339 UTC text.

CREATE TABLE criterion (
    code   TEXT PRIMARY KEY,
    label  TEXT NOT NULL,
    source TEXT NOT NULL,
    sort   INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE policy_interval (
    key    TEXT PRIMARY KEY,
    amount INTEGER NOT NULL CHECK (amount >= 0),
    unit   TEXT NOT NULL CHECK (unit IN ('days', 'weeks', 'months')),
    label  TEXT NOT NULL,
    source TEXT NOT NULL
);

CREATE TABLE kloe (
    id       INTEGER PRIMARY KEY,
    question INTEGER NOT NULL CHECK (question BETWEEN 1 AND 4),
    template TEXT NOT NULL DEFAULT 'all',
    text     TEXT NOT NULL,
    source   TEXT NOT NULL,
    sort     INTEGER NOT NULL DEFAULT 0,
    active   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE person (
    id                     INTEGER PRIMARY KEY,
    nhs_number             TEXT UNIQUE CHECK (nhs_number IS NULL OR length(nhs_number) = 10),
    local_id               TEXT UNIQUE,
    given_name             TEXT NOT NULL,
    family_name            TEXT NOT NULL,
    preferred_name         TEXT,
    date_of_birth          TEXT NOT NULL,
    sex                    TEXT,
    gender_identity        TEXT,
    ethnicity              TEXT,
    diagnosis              TEXT NOT NULL,
    ehcp                   INTEGER NOT NULL DEFAULT 0,
    gp_practice            TEXT,
    local_authority        TEXT,
    setting                TEXT,
    keyworker              TEXT,
    care_coordinator       TEXT,
    consent_basis          TEXT,
    consent_date           TEXT,
    consent_recorded_by    TEXT,
    consent_scope          TEXT,
    objection_date         TEXT,
    referral_date          TEXT,
    referral_route         TEXT,
    referrer               TEXT,
    notes                  TEXT,
    rating                 TEXT NOT NULL CHECK (rating IN ('BLUE', 'RED', 'AMBER', 'GREEN')),
    rating_since           TEXT NOT NULL,
    next_review_due        TEXT,
    next_review_type       TEXT,
    added_on               TEXT NOT NULL,
    removed_on             TEXT,
    removed_reason         TEXT,
    version                INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX person_family_name ON person (family_name, given_name);

CREATE TABLE person_criterion (
    person_id INTEGER NOT NULL REFERENCES person (id),
    code      TEXT NOT NULL REFERENCES criterion (code),
    PRIMARY KEY (person_id, code)
) WITHOUT ROWID;

CREATE TABLE rating_change (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES person (id),
    at          TEXT NOT NULL,
    effective   TEXT NOT NULL,
    by_user     TEXT NOT NULL,
    from_rating TEXT,
    to_rating   TEXT NOT NULL,
    reason      TEXT NOT NULL,
    review_id   INTEGER REFERENCES review (id)
);
CREATE INDEX rating_change_person ON rating_change (person_id, id);

CREATE TABLE admission (
    id                    INTEGER PRIMARY KEY,
    person_id             INTEGER NOT NULL REFERENCES person (id),
    hospital              TEXT NOT NULL,
    ward_type             TEXT NOT NULL,
    security              TEXT NOT NULL CHECK (security IN ('none', 'low', 'medium', 'high')),
    legal_status          TEXT NOT NULL,
    planned               INTEGER NOT NULL,
    out_of_area           INTEGER NOT NULL DEFAULT 0,
    distance_km           INTEGER,
    admitted_on           TEXT NOT NULL,
    planned_discharge     TEXT,
    barriers              TEXT,
    discharged_on         TEXT,
    discharge_destination TEXT,
    version               INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX admission_person ON admission (person_id, admitted_on);
CREATE UNIQUE INDEX admission_one_open ON admission (person_id) WHERE discharged_on IS NULL;

CREATE TABLE review (
    id                    INTEGER PRIMARY KEY,
    person_id             INTEGER NOT NULL REFERENCES person (id),
    kind                  TEXT NOT NULL CHECK (kind IN ('CETR', 'CTR')),
    type                  TEXT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('draft', 'final')) DEFAULT 'draft',
    held_on               TEXT NOT NULL,
    place                 TEXT,
    virtual               INTEGER NOT NULL DEFAULT 0,
    consent_note          TEXT,
    community_needs_met   INTEGER,
    outcome_notes         TEXT,
    proposed_rating       TEXT CHECK (proposed_rating IS NULL OR proposed_rating IN ('BLUE', 'RED', 'AMBER', 'GREEN')),
    rating_reason         TEXT,
    current_step          INTEGER NOT NULL DEFAULT 0,
    current_field         INTEGER NOT NULL DEFAULT 0,
    created_at            TEXT NOT NULL,
    created_by            TEXT NOT NULL,
    finalised_at          TEXT,
    finalised_by          TEXT,
    version               INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX review_person ON review (person_id, held_on);
CREATE INDEX review_status ON review (status, held_on);

CREATE TABLE review_panel (
    id           INTEGER PRIMARY KEY,
    review_id    INTEGER NOT NULL REFERENCES review (id),
    role         TEXT NOT NULL,
    name         TEXT NOT NULL,
    organisation TEXT
);
CREATE INDEX review_panel_review ON review_panel (review_id);

CREATE TABLE review_document (
    review_id INTEGER NOT NULL REFERENCES review (id),
    code      TEXT NOT NULL,
    label     TEXT NOT NULL,
    received  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (review_id, code)
) WITHOUT ROWID;

CREATE TABLE review_answer (
    review_id INTEGER NOT NULL REFERENCES review (id),
    question  INTEGER NOT NULL CHECK (question BETWEEN 1 AND 4),
    findings  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, question)
) WITHOUT ROWID;

CREATE TABLE review_kloe (
    review_id INTEGER NOT NULL REFERENCES review (id),
    kloe_id   INTEGER NOT NULL REFERENCES kloe (id),
    judgement TEXT NOT NULL DEFAULT 'not_covered',
    note      TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, kloe_id)
) WITHOUT ROWID;

CREATE TABLE review_principle (
    review_id  INTEGER NOT NULL REFERENCES review (id),
    kind       TEXT NOT NULL CHECK (kind IN ('principle', 'i_statement')),
    number     INTEGER NOT NULL,
    reflection TEXT NOT NULL DEFAULT 'not_discussed',
    note       TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (review_id, kind, number)
) WITHOUT ROWID;

CREATE TABLE review_recommendation (
    id           INTEGER PRIMARY KEY,
    review_id    INTEGER NOT NULL REFERENCES review (id),
    question     INTEGER CHECK (question IS NULL OR question BETWEEN 1 AND 4),
    text         TEXT NOT NULL DEFAULT '',
    owner        TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    due          TEXT
);
CREATE INDEX review_recommendation_review ON review_recommendation (review_id);

CREATE TABLE review_addendum (
    id        INTEGER PRIMARY KEY,
    review_id INTEGER NOT NULL REFERENCES review (id),
    at        TEXT NOT NULL,
    by_user   TEXT NOT NULL,
    text      TEXT NOT NULL
);

CREATE TABLE action (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES person (id),
    review_id         INTEGER REFERENCES review (id),
    question          INTEGER CHECK (question IS NULL OR question BETWEEN 1 AND 4),
    text              TEXT NOT NULL,
    owner             TEXT NOT NULL,
    organisation      TEXT NOT NULL DEFAULT '',
    due               TEXT NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'escalated', 'done', 'cancelled')),
    completed_on      TEXT,
    evidence          TEXT,
    created_at        TEXT NOT NULL,
    created_by        TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX action_person ON action (person_id);
CREATE INDEX action_open_due ON action (status, due);

CREATE TABLE action_event (
    id         INTEGER PRIMARY KEY,
    action_id  INTEGER NOT NULL REFERENCES action (id),
    at         TEXT NOT NULL,
    by_user    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    from_value TEXT,
    to_value   TEXT,
    reason     TEXT
);
CREATE INDEX action_event_action ON action_event (action_id, id);

-- Append-only trail of every change: written in the same transaction as the change itself.
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    by_user   TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    field     TEXT NOT NULL,
    old       TEXT,
    new       TEXT
);
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
