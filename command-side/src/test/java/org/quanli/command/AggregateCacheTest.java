package org.quanli.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.quanli.kernel.decision.Decision;
import org.quanli.kernel.identity.Actor;
import org.quanli.kernel.identity.Role;
import org.quanli.kernel.places.JurisdictionLevel;
import org.quanli.kernel.places.PlacesMessages.RegisterJurisdiction;
import org.quanli.kernel.places.PlacesMessages.RenameImplementingBody;
import org.quanli.platform.messaging.CommandSender;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * A command decides on the aggregate as the store has it, although the node keeps the aggregates it loaded: an
 * aggregate another node changed since is loaded again from its events; one nobody changed is taken as kept.
 */
@SpringBootTest(classes = CommandSideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
class AggregateCacheTest {

    static final Actor ADMIN = new Actor("admin", "管理员", Role.ADMINISTRATOR, null);

    @Autowired
    CommandSender commands;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void anAggregateAnotherNodeChangedIsLoadedAgainAndOneNobodyChangedIsTakenAsKept() {
        String province = Fixtures.freeProvince(jdbc);
        commands.send(new RegisterJurisdiction(province, "测试省", JurisdictionLevel.PROVINCE, null, false), ADMIN);
        Actor reform = new Actor("reform", "改革办", Role.REFORM_OFFICE,
                Fixtures.body(commands, province, "测试省委编办", true));
        String bureau = Fixtures.body(commands, province, "测试省市场监督管理局", true);
        commands.send(new RenameImplementingBody(bureau, "名称一", decision(1)), reform);

        // Another node renames the bureau: its event is in the store, this node's kept bureau is one event behind.
        jdbc.sql("""
                insert into domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                select aggregate_identifier, sequence_number + 1, type, gen_random_uuid()::text, time_stamp,
                    payload_type, payload_revision, convert_to(jsonb_set(jsonb_set(
                        convert_from(payload, 'UTF8')::jsonb, '{oldName}', '"名称一"'), '{newName}', '"名称二"')::text,
                        'UTF8'), meta_data
                from domain_event_entry where aggregate_identifier = ? order by sequence_number desc limit 1""")
                .param(bureau).update();
        double stale = loads("stale");
        double hits = loads("hit");

        commands.send(new RenameImplementingBody(bureau, "名称三", decision(2)), reform);
        assertThat(loads("stale")).isEqualTo(stale + 1);
        commands.send(new RenameImplementingBody(bureau, "名称四", decision(3)), reform);
        assertThat(loads("hit")).isGreaterThanOrEqualTo(hits + 1);

        assertThat(jdbc.sql("""
                select convert_from(payload, 'UTF8')::jsonb ->> 'oldName' from domain_event_entry
                where aggregate_identifier = ? and sequence_number >= 1 order by sequence_number""")
                .param(bureau).query(String.class).list())
                .containsExactly("测试省市场监督管理局", "名称一", "名称二", "名称三");
    }

    private double loads(String result) {
        return meters.counter("quanli.aggregate_cache.loads", "result", result).count();
    }

    private static Decision decision(int n) {
        return new Decision("测编发〔2026〕" + n + "号", LocalDate.of(2026, 1, n));
    }
}
