-- When an SMS answer last ended with "Reply MORE for the full answer." for this sender:
-- said once, then left off for a day, since those words often cost a second segment.
alter table conversation_memory add column more_hint_at timestamp with time zone;
