-- Live event watch: every stored event is announced on channel "dossier_events" (payload:
-- its id). PostgreSQL delivers the notification when the storing transaction commits, so a
-- listener that then reads the event also finds its participants and evidence.
CREATE FUNCTION notify_event_stored() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('dossier_events', NEW.id::text);
  RETURN NULL;
END;
$$;

CREATE TRIGGER events_notify_stored
  AFTER INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION notify_event_stored();
