package org.quanli.query.complaints;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.quanli.kernel.complaints.ComplaintChannel;
import org.quanli.kernel.complaints.ComplaintQueries.PublishedChannel;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The complaint channels published with each body's list (Zhaoqing: 公开举报投诉渠道和办法). Configuration, not
 * events: they are contact points of the government (its 12345 line, the supervision office's number and address),
 * which change with a telephone plan, not by a decision the ledger records. The nearest setting wins: the body's
 * own, else its jurisdiction's or the nearest one above it, else the defaults (the 12345 hotline).
 *
 * @param defaults      the channels of a body nothing more specific is configured for
 * @param jurisdictions by administrative-division code
 * @param bodies        by unified social credit code
 */
@ConfigurationProperties("quanli.complaints.published-channels")
record PublishedChannels(List<Entry> defaults, Map<String, List<Entry>> jurisdictions,
                         Map<String, List<Entry>> bodies) {

    /** @param contact a public number, address or page, never a person's */
    record Entry(ComplaintChannel channel, String contact, String hours) {
    }

    PublishedChannels {
        defaults = defaults == null ? List.of(new Entry(ComplaintChannel.HOTLINE_12345, "12345", "24小时"))
                : List.copyOf(defaults);
        jurisdictions = jurisdictions == null ? Map.of() : Map.copyOf(jurisdictions);
        bodies = bodies == null ? Map.of() : Map.copyOf(bodies);
    }

    /** @param jurisdictionPath the body's jurisdiction first, then each one above it */
    List<PublishedChannel> of(String bodyId, List<String> jurisdictionPath) {
        List<Entry> entries = bodies.get(bodyId);
        for (int i = 0; entries == null && i < jurisdictionPath.size(); i++) {
            entries = jurisdictions.get(jurisdictionPath.get(i));
        }
        List<PublishedChannel> channels = new ArrayList<>();
        for (Entry entry : entries == null ? defaults : entries) {
            channels.add(new PublishedChannel(entry.channel().name(), entry.channel().label(), entry.contact(),
                    entry.hours()));
        }
        return channels;
    }
}
