-- What the conversation remembers about a sender between messages, on any instance and
-- across restarts: the last article (what MORE expands), the "did you mean" choices just
-- offered (what a reply of 1, 2 or 3 picks), and the language an unlinked sender chose
-- with LANGUAGE. No message text; the address is the keyed hash used everywhere else.
create table conversation_memory (
    channel          varchar(20)  not null,
    address_hash     varchar(64)  not null,
    last_article_id  varchar(100),
    last_article_at  timestamp with time zone,
    choices          varchar(400),                  -- article ids, comma-separated, in the order offered
    choices_at       timestamp with time zone,
    language         varchar(10),
    language_at      timestamp with time zone,
    updated_at       timestamp with time zone not null,
    constraint conversation_memory_key primary key (channel, address_hash)
);
create index conversation_memory_updated on conversation_memory (updated_at);

-- Which detector decided a danger alert and why (the rules that fired, the nearest
-- examples and their similarity), for the safeguarding lead who reviews it.
alter table alert add column detected_by varchar(20);
alter table alert add column evidence varchar(500);
