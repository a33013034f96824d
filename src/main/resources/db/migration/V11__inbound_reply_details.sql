-- What answering an inbound message later needs, kept on the message itself: the sender's
-- address (sealed, like outbound.address_sealed) and the language the channel gave. A
-- message stored by an instance that died before answering is then answered by another
-- instance's sweep (channel.UnansweredSweep) without waiting for a provider redelivery.
-- The address is cleared once the message is answered, and by message retention.
alter table message add column address_sealed varchar(500);
alter table message add column language varchar(10);

-- New inbound statuses besides RECEIVED and REPLIED: MISSED (found unanswered too late for
-- an automatic reply; a person is alerted instead) and ABANDONED (its channel answers only
-- within the live request, as the web chat does, so nothing can answer it now).

-- The sweep looks for old RECEIVED rows; the few RECEIVED rows sit at the front of this.
create index message_status_updated on message (status, updated_at);

-- Messages left unanswered before this version have no address to reply to. Those more
-- than a day old are marked MISSED here, once, rather than each raising an alert about a
-- message possibly months old when the sweep first runs; newer ones are left to the sweep,
-- which alerts a person about each.
update message set status = 'MISSED'
where direction = 'IN' and status = 'RECEIVED' and created_at < current_timestamp - interval '1' day;
