-- An event is parked at most once per processing group: a retried batch finds it parked by its id.
create unique index dead_letter_entry_event on dead_letter_entry (processing_group, event_identifier);
