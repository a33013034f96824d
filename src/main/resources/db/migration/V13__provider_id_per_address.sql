-- A provider's message id can be unique only within one conversation: Telegram numbers each
-- chat's messages from 1, so two chats' first replies both carry message_id 1. Keyed by the
-- address too, both are recorded; a redelivered webhook comes from the same address and still
-- finds its first row. (Twilio's sids are unique across the account; this loses nothing there.)
alter table message drop constraint message_provider;
alter table message add constraint message_provider unique (channel, direction, provider_id, address_hash);

-- outbound.status gains PARKED: the provider accepted the message but recording that failed,
-- even without its provider id; the row is never claimed again (so never sent twice), and
-- last_error says why. See channel.OutboundDispatcher.
