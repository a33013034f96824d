-- Rate limits every instance shares: one Bucket4j token bucket per limited subject (the
-- web chat's client address, a sign-in account, ...). The id is the limit's name and a
-- keyed hash of the subject, never the address or e-mail itself; state is Bucket4j's
-- serialised bucket; expires_at (epoch milliseconds) is when a full bucket may be dropped.
create table rate_limit_bucket (
    id          varchar(120) primary key,
    state       bytea,
    expires_at  bigint
);
create index rate_limit_bucket_expires on rate_limit_bucket (expires_at);

-- Raised whenever a worker's password, role or active flag changes: a sign-in session
-- remembers the number it started with and ends when it no longer matches.
alter table worker add column session_version integer not null default 0;
