-- The live knowledge base. Markdown under knowledge/ seeds it once; after that admins edit
-- here. An article is keyed by its scope (national or the local folder) and its slug, as a
-- local article may share a national one's slug and replace it.
create table article (
    scope            varchar(50)  not null,
    id               varchar(100) not null,
    current_version  integer      not null,               -- the newest version (may be a draft)
    published_version integer,                            -- the version answering, if any
    status           varchar(20)  not null,               -- DRAFT, PUBLISHED, UNPUBLISHED, RETIRED
    updated_at       timestamp with time zone not null,
    primary key (scope, id)
);

-- Every change is a new row; nothing is updated in place.
create table article_version (
    scope          varchar(50)  not null,
    id             varchar(100) not null,
    version        integer      not null,
    title          varchar(300) not null,
    topics         varchar(1000) not null,               -- comma list
    keywords       varchar(2000) not null,               -- comma list
    summary        varchar(1000) not null,
    source         varchar(1000) not null,
    last_reviewed  date         not null,
    review_by      date         not null,
    audience       varchar(200) not null,
    language       varchar(10)  not null,
    supersedes     varchar(1000) not null,               -- comma list
    body           text         not null,
    author_id      bigint references worker (id),         -- null: the system (seed import)
    author         varchar(320) not null,                -- "system" or the worker's email
    created_at     timestamp with time zone not null,
    change_note    varchar(500) not null,
    primary key (scope, id, version)
);

-- Bumped in the same transaction as every publish, unpublish, retire or restore; each
-- instance polls it and reloads its search index when it moves.
create table knowledge_change (
    id       integer primary key,
    counter  bigint  not null
);
insert into knowledge_change (id, counter) values (1, 0);

-- An unanswered wording an admin has dealt with. The key is the normalised wording (sorted
-- content words, personal details already replaced by placeholders), never the raw text.
create table unanswered_handled (
    wording     varchar(500) primary key,
    handled_at  timestamp with time zone not null,
    handled_by  varchar(320) not null
);
