package org.quanli.query.powerlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedList;
import org.quanli.kernel.powerlist.PowerListQueries.PublishedListQuery;
import org.quanli.platform.messaging.QueryAsker;
import org.quanli.platform.projections.ProjectionStatuses;
import org.quanli.platform.projections.ProjectionStatuses.ProjectionStatus;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.query.QuerySideApplication;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/** The query side on its embedded PostgreSQL, with events written into its store as the command side would. */
@SpringBootTest(classes = QuerySideApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "demo"})
public abstract class ProjectionTestSupport {

    @Autowired
    EventStore eventStore;
    @Autowired
    ProjectionStatuses statuses;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    QueryAsker queries;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DemoTokens tokens;
    @LocalServerPort
    int port;

    protected LedgerEvents events;
    protected ApiClient anonymous;

    @BeforeEach
    void ledger() {
        events = new LedgerEvents(eventStore, transactions, jdbc);
        anonymous = ApiClient.anonymous(port, tokens);
    }

    /** The full list (public or not) of a jurisdiction on a date, as known now. */
    PublishedList jurisdictionList(String jurisdictionCode, String asOf) {
        return queries.ask(new PublishedListQuery(jurisdictionCode, null, null, null, null, LocalDate.parse(asOf),
                null, 0, 200, false), PublishedList.class);
    }

    /**
     * Waits until the projection runs on this node, by its processor or a bulk run, with every segment claimed and at
     * the given position or beyond.
     */
    void awaitAtHead(String projection, long head) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            ProjectionStatus status = statuses.all().stream().filter(s -> s.name().equals(projection)).findFirst()
                    .orElseThrow();
            assertThat(status.runningHere()).isTrue();
            assertThat(status.segments()).isNotEmpty().allSatisfy(segment -> {
                assertThat(segment.claimedHere()).isTrue();
                assertThat(segment.position()).isNotNull().isGreaterThanOrEqualTo(head);
            });
        });
    }

    PublishedList bodyList(String bodyId, String asOf) {
        return queries.ask(new PublishedListQuery(null, bodyId, null, null, null, LocalDate.parse(asOf), null, 0, 200,
                false), PublishedList.class);
    }
}
