package org.quanli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quanli.kernel.identity.Role;
import org.quanli.platform.security.demo.DemoTokens;
import org.quanli.testing.ApiClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * The sample lists of ops/samples, as the README tells an operator to use them: register the bodies, dry-run and
 * import both files, read the public lists, and import an export of them again. A context of its own (its own
 * database): the imported items must not show up in the other end-to-end tests' lists.
 */
@SpringBootTest(classes = QuanliLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "quanli.imports.progress-batch=50")
@ActiveProfiles({"test", "demo"})
class SampleListsImportExportTest {

    static final Path SAMPLES = Path.of("samples");
    static final String CSV = "deyang-city-power-list-gbk.csv";
    static final String XLSX = "guanghan-power-list.xlsx";
    static final int CITY_ROWS = 138;
    static final int COUNTY_ROWS = 72;
    static final int COUNTY_NOT_PUBLIC = 2;

    @LocalServerPort
    int port;
    @Autowired
    DemoTokens tokens;

    @Test
    void theSampleListsImportWithoutErrorsAndAnExportOfThemImportsAgainAsTheSameItems() throws IOException {
        ApiClient anonymous = ApiClient.anonymous(port, tokens);
        ApiClient admin = anonymous.as("admin", Role.ADMINISTRATOR, null);
        ApiClient reform = anonymous.as("reform", Role.REFORM_OFFICE, "11510600008654346W");
        registerPlaces(admin);

        JsonNode cityDryRun = upload(reform, CSV, "德府发〔2015〕12号", "2015-06-30", true).json();
        assertThat(cityDryRun.get("errors").size()).as(cityDryRun.toString()).isZero();
        assertThat(cityDryRun.get("warnings").size()).isZero();
        assertThat(cityDryRun.get("encoding").asString()).isEqualTo("GB18030");
        assertThat(cityDryRun.get("readable").asInt()).isEqualTo(CITY_ROWS);
        JsonNode countyDryRun = upload(reform, XLSX, "广府发〔2015〕20号", "2015-09-01", true).json();
        assertThat(countyDryRun.get("errors").size()).as(countyDryRun.toString()).isZero();
        assertThat(countyDryRun.get("headerRow").asInt()).isEqualTo(3);
        assertThat(countyDryRun.get("readable").asInt()).isEqualTo(COUNTY_ROWS);

        JsonNode city = importAndWait(reform, CSV, "德府发〔2015〕12号", "2015-06-30");
        JsonNode county = importAndWait(reform, XLSX, "广府发〔2015〕20号", "2015-09-01");
        assertThat(city.get("created").asInt()).isEqualTo(CITY_ROWS);
        assertThat(county.get("created").asInt()).isEqualTo(COUNTY_ROWS);
        assertThat(city.get("created").asInt() + county.get("created").asInt()).isGreaterThanOrEqualTo(200);

        // The lists are projections: they fill within moments. Items that are not public stay off the portal.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            CaughtUp.everyStreamingProjection(admin);
            assertThat(anonymous.get("/api/public/jurisdictions/510600/items?size=1").json().get("total").asInt())
                    .isEqualTo(CITY_ROWS);
            assertThat(anonymous.get("/api/public/jurisdictions/510681/items?size=1").json().get("total").asInt())
                    .isEqualTo(COUNTY_ROWS - COUNTY_NOT_PUBLIC);
        });
        JsonNode onTheDayBefore = anonymous.get("/api/public/jurisdictions/510600/items?asOf=2015-06-29").json();
        assertThat(onTheDayBefore.get("total").asInt()).isZero();

        var cityExport = anonymous.download("/api/public/jurisdictions/510600/items/export?format=csv");
        assertThat(cityExport.status()).isEqualTo(200);
        String exported = cityExport.text();
        assertThat(exported.lines().count()).isEqualTo(1 + CITY_ROWS);
        assertThat(exported).contains(String.join(",", List.of("SC0100001", "11510600008654321B30001", "食品生产许可",
                "01", "行政许可", "3", "市级", "德阳市市场监督管理局", "11510600008654321B", "20", "10", "2", "承诺件",
                "《中华人民共和国食品安全法》第三十五条；《食品生产许可管理办法》第二条", "德府发〔2015〕12号", "2015-06-30")
                .stream().map(cell -> '"' + cell + '"').toList()));
        var countyExport = reform.download("/api/items/export?jurisdiction=510681&format=xlsx");
        assertThat(countyExport.status()).isEqualTo(200);

        // Export → import: every row is read again and found to be the item it came from.
        for (var export : List.of(Map.entry("export.csv", cityExport.body()), Map.entry("export.xlsx", countyExport.body()))) {
            JsonNode again = reform.postFile("/api/imports", Map.of("documentNumber", "德府发〔2015〕12号",
                    "effectiveDate", "2015-06-30", "dryRun", "true"), export.getKey(), export.getValue()).json();
            int rows = export.getKey().endsWith("csv") ? CITY_ROWS : COUNTY_ROWS;
            assertThat(again.get("errors").size()).as(again.toString()).isZero();
            assertThat(again.get("warnings").size()).isZero();
            assertThat(again.get("readable").asInt()).isEqualTo(rows);
            assertThat(again.get("alreadyPresent").asInt()).isEqualTo(rows);
            assertThat(again.get("toCreate").asInt()).isZero();
        }
        JsonNode reimported = reform.postFile("/api/imports", Map.of("documentNumber", "德府发〔2015〕12号",
                "effectiveDate", "2015-06-30", "dryRun", "false"), "export.csv", cityExport.body()).json();
        JsonNode job = waitFor(reform, "/api/imports/" + reimported.get("jobId").asString());
        assertThat(job.get("created").asInt()).isZero();
        assertThat(job.get("alreadyPresent").asInt()).isEqualTo(CITY_ROWS);
    }

    private static void registerPlaces(ApiClient admin) throws IOException {
        Walkthrough.expect(201, admin.post("/api/jurisdictions", Map.of("code", "510000", "name", "四川省", "level", "PROVINCE")));
        Walkthrough.expect(201, admin.post("/api/jurisdictions", Map.of("code", "510600", "name", "德阳市", "level", "CITY",
                "parentCode", "510000")));
        Walkthrough.expect(201, admin.post("/api/jurisdictions", Map.of("code", "510681", "name", "广汉市", "level", "COUNTY",
                "parentCode", "510600")));
        for (String line : Files.readAllLines(SAMPLES.resolve("bodies.tsv"))) {
            String[] body = line.split("\t");
            Walkthrough.expect(201, admin.post("/api/bodies", Map.of("creditCode", body[0], "name", body[1],
                    "jurisdictionCode", body[2], "nature", "STATUTORY_ORGAN", "administrativeSubject", true)));
        }
    }

    private static ApiClient.Response upload(ApiClient reform, String file, String document, String date, boolean dryRun)
            throws IOException {
        var response = reform.postFile("/api/imports", Map.of("documentNumber", document, "effectiveDate", date,
                "dryRun", String.valueOf(dryRun)), file, Files.readAllBytes(SAMPLES.resolve(file)));
        assertThat(response.status()).as(response.body()).isEqualTo(dryRun ? 200 : 202);
        return response;
    }

    private static JsonNode importAndWait(ApiClient reform, String file, String document, String date)
            throws IOException {
        JsonNode job = waitFor(reform, upload(reform, file, document, date, false).location());
        assertThat(job.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.get("failed").asInt()).isZero();
        assertThat(job.get("processed").asInt()).isEqualTo(job.get("total").asInt());
        return job;
    }

    private static JsonNode waitFor(ApiClient reform, String location) {
        await().atMost(Duration.ofSeconds(120)).until(() -> !reform.get(location).json().get("status").asString()
                .equals("RUNNING"));
        return reform.get(location).json();
    }
}
