-- Translations of an article. The English article stays the source of truth for the id,
-- topics, source and dates; a translation carries only the words (title, keywords,
-- summary, body), versioned like the article itself.
create table article_translation (
    scope              varchar(50)  not null,
    id                 varchar(100) not null,
    language           varchar(10)  not null,
    current_version    integer      not null,
    published_version  integer,                          -- the version answering, if any
    reviewed_version   integer,                          -- the newest version a fluent speaker checked
    status             varchar(20)  not null,            -- DRAFT, PUBLISHED
    updated_at         timestamp with time zone not null,
    primary key (scope, id, language),
    foreign key (scope, id) references article (scope, id)
);

create table article_translation_version (
    scope        varchar(50)  not null,
    id           varchar(100) not null,
    language     varchar(10)  not null,
    version      integer      not null,
    title        varchar(300) not null,
    keywords     varchar(2000) not null,                 -- comma list
    summary      varchar(1000) not null,
    body         text         not null,
    author_id    bigint references worker (id),
    author       varchar(320) not null,
    created_at   timestamp with time zone not null,
    change_note  varchar(500) not null,
    primary key (scope, id, language, version)
);
