-- A recall is recorded as what it is (the recall's effective date), not by shortening the arranged end; the one
-- place where the command side says how long a body really acts on a receiver's behalf is this view: from the
-- delegation's effective date until the arranged end, the day before the handover or the day before a recall,
-- whichever comes first. A transition is in effect on day D when effective_from <= D and D <= ends_on.
alter table delegation_transition add column recalled_on date;

create view delegation_transition_term as
select delegation_id, item_id, acting_body_id, on_behalf_of_body_id, effective_from, until,
       least(until, handed_over_on - 1, recalled_on - 1) as ends_on
from delegation_transition;
