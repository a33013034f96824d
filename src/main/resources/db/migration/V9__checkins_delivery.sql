-- Check-in scheduling details beyond V5: which outbound message carried a check-in (so a
-- failed delivery finds it), the channel to skip after a failure, and when the "no
-- channel" alert went out (so it is raised once, not every pass).
alter table check_in add column message_id bigint references message (id);
alter table check_in_plan add column skip_channel varchar(20);
alter table check_in_plan add column no_channel_since timestamp with time zone;
create index check_in_message on check_in (message_id);
create index check_in_status_sent on check_in (status, sent_at);
create index channel_identity_young_person on channel_identity (young_person_id);
create index check_in_plan_lease on check_in_plan (lease_owner);
