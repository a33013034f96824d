-- Repeated alerts about the same sender within a window are one alert with a count
-- rather than a new alert (and a new SMS to the worker) each time. sender_key says who
-- the alert is about when no young person is linked: the channel and keyed hash of the
-- address, or for the public web chat the keyed hash of the client's network address.
alter table alert add column repeat_count integer not null default 1;
alter table alert add column last_raised_at timestamp with time zone;
alter table alert add column sender_key varchar(120);
update alert set last_raised_at = created_at;
create index alert_sender on alert (sender_key, status);
