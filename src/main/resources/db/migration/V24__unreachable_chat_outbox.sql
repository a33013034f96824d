-- A chat that can no longer be reached (the young person or worker blocked the bot) needs a
-- person told, like a delivery that failed for good: it is kept in the same outbox, written in
-- the transaction that marks the identity unreachable, so its UNREACHABLE alert survives a
-- failed write or a crash. Such a row has no message and no purpose.
alter table delivery_failure add column kind varchar(20) not null default 'DELIVERY_FAILED';
alter table delivery_failure alter column message_id drop not null;
alter table delivery_failure alter column purpose drop not null;
