package org.quanli.query.complaints;

import java.time.LocalDate;
import java.util.List;

import org.quanli.kernel.cases.CaseQueries.CaseComplaint;
import org.quanli.kernel.complaints.ComplaintCategory;
import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.complaints.ComplaintStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The complaints about a case, for the case's trail: read from the complaint projection here, so that the case reads
 * never touch the complaint tables themselves. No complainant, no text: whoever may read the case's trail may read
 * that it was complained about, and follows the complaint's own trail where the complaint reads allow.
 */
@Component
public class CaseComplaints {

    /** More complaints than this about one case are not listed on its trail (the complaint register finds them). */
    static final int MAX = 100;

    private final JdbcClient jdbc;

    CaseComplaints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<CaseComplaint> of(String caseId) {
        return jdbc.sql("""
                select complaint_id, channel, category, received_on, responsible_body_id, status, due_on, replied_on,
                    rating
                from complaint_view where case_id = ? order by received_at, complaint_id limit ?""")
                .params(caseId, MAX)
                .query((rs, n) -> {
                    String channel = rs.getString("channel");
                    String category = rs.getString("category");
                    ComplaintStatus status = ComplaintStatus.valueOf(rs.getString("status"));
                    return new CaseComplaint(rs.getString("complaint_id"), channel,
                            ComplaintChannel.valueOf(channel).label(), category,
                            ComplaintCategory.valueOf(category).label(), rs.getObject("received_on", LocalDate.class),
                            rs.getString("responsible_body_id"), status.name(), status.label(),
                            rs.getObject("due_on", LocalDate.class), rs.getObject("replied_on", LocalDate.class),
                            rs.getString("rating"));
                })
                .list();
    }
}
