-- Teams, their users and API keys (only a SHA-256 of each key is kept), and the team's memories.
-- `teams.seq` is the team's server sequence: a push takes the team row's lock, numbers its changed rows after it and
-- moves it on, so sequence order is commit order and a pull "after N" never misses a row committed later.
CREATE TABLE teams (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    seq BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE users (
    id BIGSERIAL PRIMARY KEY,
    team_id BIGINT NOT NULL REFERENCES teams(id),
    name TEXT NOT NULL,
    UNIQUE (team_id, name)
);
CREATE TABLE api_keys (
    key_id TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('read', 'write', 'admin')),
    hash BYTEA NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    revoked_at TIMESTAMPTZ
);
-- The team's change journal, compacted to the newest version of each memory: a row is rewritten (and gets a new
-- sequence number) only when a strictly newer version arrives, so a change pushed twice is stored once.
CREATE TABLE memories (
    team_id BIGINT NOT NULL REFERENCES teams(id),
    id TEXT NOT NULL,
    version BIGINT NOT NULL,
    deleted BOOLEAN NOT NULL,
    body JSONB,
    seq BIGINT NOT NULL,
    PRIMARY KEY (team_id, id)
);
CREATE INDEX memories_team_seq ON memories (team_id, seq);
