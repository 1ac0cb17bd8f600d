package org.quanli.query.powerlist;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

import org.quanli.kernel.codes.CodedValue;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.delegation.DelegationMode;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.PowerListQueries.Entrustee;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedItem;
import org.quanli.kernel.powerlist.PowerListQueries.ReceivedFrom;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * SQL over the list periods ({@code published_item_version}) that the list, item and diff queries share: when a
 * period stands on the list, and how its row reads as a {@link PublishedItem}.
 */
@Component
class PublishedItemRows {

    private static final TypeReference<List<LegalBasis>> LEGAL_BASES = new TypeReference<>() {
    };
    private static final TypeReference<List<Entrustee>> ENTRUSTEES = new TypeReference<>() {
    };

    private final JsonMapper json;

    PublishedItemRows(JsonMapper json) {
        this.json = json;
    }

    /**
     * The period {@code p} stands on the list on the effective date {@code :<asOf>} as the ledger knew it at
     * {@code :knownAt}: it was opened by a decision recorded by then, in force from a date on or before, and not
     * yet ended on that date by a decision recorded by then: "in effect on day D" ({@code in_effect_on}) with the
     * ends the ledger did not know yet left out.
     */
    static String standsOn(String p, String asOf) {
        return ("(%1$s.recorded_at <= :knownAt and in_effect_on(%1$s.effective_from, case when %1$s.end_recorded_at"
                + " > :knownAt then null else %1$s.effective_to end, null, :%2$s))").formatted(p, asOf);
    }

    /**
     * The columns {@link #item} reads, from period {@code p} and the body row {@code b} joined to it, each prefixed
     * with {@code prefix} so that two periods can be read from one row; the entrustments are those in effect on the
     * date {@code :<date>} as known at {@code :knownAt}.
     */
    static String columns(String p, String b, String prefix, String date) {
        return """
                %1$s.item_id as %3$sitem_id, %1$s.version as %3$sversion, %1$s.name as %3$sname,
                %1$s.type_code as %3$stype_code, %1$s.exercise_level_code as %3$sexercise_level_code,
                %1$s.catalogue_code as %3$scatalogue_code, %1$s.implementation_code as %3$simplementation_code,
                %1$s.body_id as %3$sbody_id, %2$s.name as %3$sbody_name,
                %1$s.jurisdiction_code as %3$sjurisdiction_code,
                %1$s.legal_limit_days as %3$slegal_limit_days, %1$s.promised_limit_days as %3$spromised_limit_days,
                %1$s.content -> 'legalBases' as %3$slegal_bases, %1$s.document_number as %3$sdocument_number,
                %1$s.effective_from as %3$seffective_from,
                %1$s.source_item_id as %3$ssource_item_id, %1$s.source_body_id as %3$ssource_body_id,
                (select sb.name from body_view sb where sb.body_id = %1$s.source_body_id) as %3$ssource_body_name,
                %1$s.delegation_id as %3$sdelegation_id, %1$s.delegation_mode as %3$sdelegation_mode,
                (select jsonb_agg(jsonb_build_object('bodyId', e.receiver_body_id, 'bodyName', eb.name,
                        'delegationId', e.delegation_id, 'documentNumber', e.document_number,
                        'from', e.effective_from, 'termEnd', e.term_end) order by e.effective_from, e.receiver_body_id)
                    from item_entrustment e left join body_view eb on eb.body_id = e.receiver_body_id
                    where e.item_id = %1$s.item_id and e.recorded_at <= :knownAt and e.effective_from <= :%4$s
                      and (e.term_end is null or e.term_end >= :%4$s)
                      and (e.effective_to is null or e.effective_to > :%4$s or e.end_recorded_at > :knownAt))
                    as %3$sentrusted_to""".formatted(p, b, prefix, date);
    }

    /** The full content as a column, for answers that carry it. */
    static String content(String p, String prefix) {
        return "%1$s.content as %2$scontent".formatted(p, prefix);
    }

    PublishedItem item(ResultSet rs, String prefix) throws SQLException {
        String typeCode = rs.getString(prefix + "type_code");
        String typeLabel = CodedValue.byCode(ItemType.class, typeCode).map(ItemType::label).orElse(null);
        int promised = rs.getInt(prefix + "promised_limit_days");
        String legalBases = rs.getString(prefix + "legal_bases");
        return new PublishedItem(rs.getString(prefix + "item_id"), rs.getInt(prefix + "version"),
                rs.getString(prefix + "name"), typeCode, typeLabel, rs.getString(prefix + "exercise_level_code"),
                rs.getString(prefix + "catalogue_code"), rs.getString(prefix + "implementation_code"),
                rs.getString(prefix + "body_id"), rs.getString(prefix + "body_name"),
                rs.getString(prefix + "jurisdiction_code"), rs.getInt(prefix + "legal_limit_days"), promised,
                promised == 0, legalBases == null ? List.of() : json.readValue(legalBases, LEGAL_BASES),
                rs.getString(prefix + "document_number"), rs.getObject(prefix + "effective_from", LocalDate.class),
                receivedFrom(rs, prefix), entrustees(rs.getString(prefix + "entrusted_to")));
    }

    private static ReceivedFrom receivedFrom(ResultSet rs, String prefix) throws SQLException {
        String source = rs.getString(prefix + "source_item_id");
        return source == null ? null : new ReceivedFrom(source, rs.getString(prefix + "source_body_id"),
                rs.getString(prefix + "source_body_name"), rs.getString(prefix + "delegation_id"),
                DelegationMode.valueOf(rs.getString(prefix + "delegation_mode")));
    }

    private List<Entrustee> entrustees(String text) {
        return text == null ? List.of() : json.readValue(text, ENTRUSTEES);
    }

    ItemContent content(ResultSet rs, String prefix) throws SQLException {
        String text = rs.getString(prefix + "content");
        return text == null ? null : json.readValue(text, ItemContent.class);
    }
}
