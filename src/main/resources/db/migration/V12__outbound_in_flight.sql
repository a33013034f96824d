-- When an attempt that may have reached the provider began: set (and committed) before the
-- provider is called, cleared once its answer is known. A row claimed with it still set
-- died or timed out mid-call, so the dispatcher asks the provider whether that attempt got
-- through before sending again (see OutboundDispatcher).
alter table outbound add column in_flight_since timestamp with time zone;
