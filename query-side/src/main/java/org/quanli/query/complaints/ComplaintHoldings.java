package org.quanli.query.complaints;

/**
 * The one place the complaints read the holdings model (who held which item in force on a day:
 * {@code holdings_on(d)}, the query side's one definition of "in effect on day D", whose rows also say where a
 * received item came from). A complaint counts toward the body that held the complained-about item on the day it was
 * received, so that complaints about a devolved or granted power land on the receiver that exercises it: first a
 * receiver, among the body complained about and the body the complaint now stands with, holding an item received
 * from the named one that day; then the holder of the named item that day; else the body complained about. Looked up
 * when asked, never copied into the facts: a copy would depend on how far the holdings projection had got.
 */
final class ComplaintHoldings {

    /**
     * A lateral subquery over the complaint row aliased {@code c}, giving {@code counted_body_id} and
     * {@code received_item} (whether that body held the item as received from above).
     */
    static final String COUNTED = """
            cross join lateral (
                select coalesce(r.body_id, o.body_id, c.body_id) as counted_body_id,
                    (r.body_id is not null or coalesce(o.received, false)) as received_item
                from (select 1) one
                left join lateral (
                    select hp.body_id from holdings_on(c.received_on) hp
                    where c.item_id is not null and hp.source_item_id = c.item_id
                      and hp.body_id in (c.body_id, c.responsible_body_id)
                    order by hp.effective_from desc limit 1) r on true
                left join lateral (
                    select hp.body_id, hp.source_item_id is not null as received from holdings_on(c.received_on) hp
                    where c.item_id is not null and hp.item_id = c.item_id
                    order by hp.effective_from desc limit 1) o on true) h
            """;

    private ComplaintHoldings() {
    }
}
