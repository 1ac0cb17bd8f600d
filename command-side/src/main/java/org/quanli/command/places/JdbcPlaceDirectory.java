package org.quanli.command.places;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.quanli.kernel.places.BodyStatus;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyAbolished;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyMerged;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRegistered;
import org.quanli.kernel.places.PlacesMessages.ImplementingBodyRenamed;
import org.quanli.kernel.places.PlacesMessages.JurisdictionRegistered;
import org.quanli.platform.messaging.ProcessingConfiguration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The place lookup: written by a subscribing processor, read by command handlers. */
@Component
@ProcessingGroup(JdbcPlaceDirectory.PROCESSING_GROUP)
public class JdbcPlaceDirectory implements PlaceDirectory {

    public static final String PROCESSING_GROUP = ProcessingConfiguration.COMMAND_LOOKUP_PREFIX + "place-directory";

    /** A jurisdiction (the first parameter) and every one above it, as {@code chain}: five levels at most. */
    private static final String CHAIN_UP_FROM = """
            with recursive chain(code, parent_code) as (
                select code, parent_code from place_directory_jurisdiction where code = ?
                union all
                select j.code, j.parent_code from place_directory_jurisdiction j join chain c on j.code = c.parent_code
            )
            """;

    private static final String BODIES = """
            select b.body_id, b.jurisdiction_code, j.level, b.administrative_subject, b.name, b.status,
                   b.successor_body_id
            from place_directory_body b join place_directory_jurisdiction j on j.code = b.jurisdiction_code
            """;

    private static final String ANSWERS = JdbcPlaceDirectory.class.getName() + ".answers";

    private final JdbcClient jdbc;

    public JdbcPlaceDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(JurisdictionRegistered event) {
        forgetAnswers();
        jdbc.sql("""
                insert into place_directory_jurisdiction (code, name, level, parent_code, functional_zone)
                values (?, ?, ?, ?, ?)""")
                .params(event.code(), event.name(), event.level().name(), event.parentCode(), event.functionalZone())
                .update();
    }

    @EventHandler
    void on(ImplementingBodyRegistered event) {
        forgetAnswers();
        jdbc.sql("""
                insert into place_directory_body (body_id, name, jurisdiction_code, administrative_subject)
                values (?, ?, ?, ?)""")
                .params(event.bodyId(), event.name(), event.jurisdictionCode(), event.administrativeSubject())
                .update();
    }

    @Override
    public Optional<RegisteredJurisdiction> jurisdiction(String code) {
        return jdbc.sql("select code, level, parent_code from place_directory_jurisdiction where code = ?")
                .param(code)
                .query((rs, n) -> new RegisteredJurisdiction(rs.getString(1), JurisdictionLevel.valueOf(rs.getString(2)),
                        rs.getString(3)))
                .optional();
    }

    @EventHandler
    void on(ImplementingBodyRenamed event) {
        forgetAnswers();
        jdbc.sql("update place_directory_body set name = ? where body_id = ?").params(event.newName(), event.bodyId())
                .update();
    }

    @EventHandler
    void on(ImplementingBodyMerged event) {
        forgetAnswers();
        jdbc.sql("update place_directory_body set status = ?, successor_body_id = ? where body_id = ?")
                .params(BodyStatus.MERGED.name(), event.successorBodyId(), event.bodyId()).update();
    }

    @EventHandler
    void on(ImplementingBodyAbolished event) {
        forgetAnswers();
        jdbc.sql("update place_directory_body set status = ? where body_id = ?")
                .params(BodyStatus.ABOLISHED.name(), event.bodyId()).update();
    }

    @Override
    public Optional<RegisteredBody> body(String bodyId) {
        // "for share": a reform updating this row waits for the command reading it, and a command reading it
        // after the reform sees the reform (see PlaceDirectory#body).
        return remembered("body " + bodyId, () -> jdbc.sql(BODIES + "where b.body_id = ? for share of b")
                .param(bodyId).query(JdbcPlaceDirectory::body).optional());
    }

    @Override
    public Map<String, RegisteredBody> bodies(Collection<String> bodyIds) {
        // Held in the order of their ids, so that two commands holding the same bodies take them in one order.
        Map<String, RegisteredBody> found = new HashMap<>();
        jdbc.sql(BODIES + "where b.body_id = any(?) order by b.body_id for share of b")
                .param(bodyIds.toArray(String[]::new))
                .query(JdbcPlaceDirectory::body)
                .list()
                .forEach(body -> found.put(body.bodyId(), body));
        return found;
    }

    /**
     * A body's row and an actor's reach, asked again in the same unit of work (the commands of an import's batch, a
     * process's batch), are answered from the first answer: the body rows read are held for share until the
     * transaction ends, and jurisdictions never move. Any write of this directory drops the answers.
     */
    @SuppressWarnings("unchecked")
    private <T> T remembered(String question, Supplier<T> lookUp) {
        if (!CurrentUnitOfWork.isStarted()) {
            return lookUp.get();
        }
        Map<String, Object> answers = CurrentUnitOfWork.get().root().getOrComputeResource(ANSWERS,
                key -> new HashMap<>());
        T answer = (T) answers.get(question);
        if (answer == null) {
            answer = lookUp.get();
            answers.put(question, answer);
        }
        return answer;
    }

    private static void forgetAnswers() {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().resources().remove(ANSWERS);
        }
    }

    private static RegisteredBody body(ResultSet rs, int row) throws SQLException {
        return new RegisteredBody(rs.getString(1), rs.getString(2), JurisdictionLevel.valueOf(rs.getString(3)),
                rs.getBoolean(4), rs.getString(5), BodyStatus.valueOf(rs.getString(6)), rs.getString(7));
    }

    @Override
    public void lockBody(String bodyId) {
        jdbc.sql("select body_id from place_directory_body where body_id = ? for update").param(bodyId)
                .query(String.class).optional();
    }

    @Override
    public List<String> predecessorsOf(String bodyId) {
        return jdbc.sql("""
                with recursive merged(body_id, depth) as (
                    select body_id, 1 from place_directory_body where successor_body_id = ?
                    union all
                    select b.body_id, m.depth + 1 from place_directory_body b join merged m on b.successor_body_id = m.body_id
                )
                select body_id from merged order by depth, body_id""")
                .param(bodyId).query(String.class).list();
    }

    @Override
    public Reach reach(String actorBodyId, String jurisdictionCode) {
        // One statement for what body() and isSameOrBelow() would ask in two; the body row is held the same way.
        return remembered("reach " + actorBodyId + " " + jurisdictionCode, () -> jdbc.sql(CHAIN_UP_FROM + """
                select b.jurisdiction_code, exists (select 1 from chain where code = b.jurisdiction_code)
                from place_directory_body b where b.body_id = ? for share of b""")
                .params(jurisdictionCode, actorBodyId)
                .query((rs, n) -> new Reach(rs.getString(1), rs.getBoolean(2)))
                .optional()
                .orElse(new Reach(null, false)));
    }

    @Override
    public boolean isSameOrBelow(String code, String ancestor) {
        return jdbc.sql(CHAIN_UP_FROM + """
                select exists (select 1 from chain where code = ?)""")
                .params(code, ancestor)
                .query(Boolean.class)
                .single();
    }

    @Override
    public Set<String> sameOrBelow(Collection<String> codes, String ancestor) {
        if (codes.isEmpty()) {
            return Set.of();
        }
        // Each code's chain upwards, all in one walk: five levels at most.
        return new HashSet<>(jdbc.sql("""
                with recursive chain(start, code, parent_code) as (
                    select code, code, parent_code from place_directory_jurisdiction where code = any(?)
                    union all
                    select c.start, j.code, j.parent_code
                    from place_directory_jurisdiction j join chain c on j.code = c.parent_code
                )
                select distinct start from chain where code = ?""")
                .params(codes.toArray(String[]::new), ancestor)
                .query(String.class)
                .list());
    }
}
