-- An entity's events in time order, a page at a time, without reading all of them: each
-- participation carries its event's start (events never change their time once stored),
-- indexed after the entity. Undated events sort first, as in ListEvents.
ALTER TABLE event_participants ADD COLUMN event_time timestamptz;
UPDATE event_participants p SET event_time = e.time_start FROM events e WHERE e.id = p.event_id;
CREATE INDEX event_participants_entity_time_idx
  ON event_participants (entity_id, (coalesce(event_time, '-infinity'::timestamptz)), event_id);
