-- The web chat page shows a conversation again after a reload: its messages both ways are
-- found by the sealed address's hash (the conversation id's, for the web chat).
create index message_conversation on message (address_hash, created_at);
