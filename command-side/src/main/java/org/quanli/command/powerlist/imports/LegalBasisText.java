package org.quanli.command.powerlist.imports;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;

/**
 * Reads the legal bases written in one cell: several bases separated by “；”, “;”, line breaks (or “、” before a
 * new 《title》), each a title and optionally the article relied on (第X条, 第X款, 第X项). The kind of source is
 * guessed from the title, since spreadsheets do not state it:
 * <ul>
 *   <li>三定 / 职能配置、内设机构和人员编制规定: THREE_DETERMINATIONS;</li>
 *   <li>规定 / 办法 / 细则 / 规则: LOCAL_RULE when the title begins with a place name, otherwise
 *       DEPARTMENTAL_RULE (checked before 法, which 办法 ends with);</li>
 *   <li>a title ending in 法: LAW;</li>
 *   <li>条例: LOCAL_REGULATION when the title begins with a place name (省、自治区、市、州、县), otherwise
 *       ADMINISTRATIVE_REGULATION; a 国务院 decision (决定) is ADMINISTRATIVE_REGULATION too, as the Licensing Law
 *       (第14条) lets it set powers;</li>
 *   <li>anything else: NORMATIVE_DOCUMENT.</li>
 * </ul>
 */
final class LegalBasisText {

    private static final String NUMERAL = "[0-9零〇一二三四五六七八九十百千]+";
    private static final Pattern ARTICLES = Pattern.compile(
            "第" + NUMERAL + "[条款项](?:[、,和及与]?第" + NUMERAL + "[条款项])*");
    private static final Pattern BOOK_TITLE = Pattern.compile("《[^《》]+》");
    private static final Pattern SEPARATORS = Pattern.compile("[;；\\n\\r]+|[、,，](?=《)");
    /** A note after a title: 《…法》(2021年修订), 《…办法(试行)》. */
    private static final Pattern NOTE = Pattern.compile("\\([^()]*\\)$");
    private static final List<String> PROVINCES = List.of("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林",
            "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西",
            "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆");
    /**
     * A place name with legislative power then 市/州/县: 德阳市, 凉山彝族自治州, 北川羌族自治县; not 城市 (as in
     * 《城市市容…条例》). Districts (区) are left out: 风景名胜区, 自然保护区 are subjects, not places.
     */
    private static final Pattern PLACE = Pattern.compile("^(?!城市)[\\p{IsHan}]{2,7}?(市|州|县)");

    private LegalBasisText() {
    }

    static List<LegalBasis> parse(String cell) {
        List<LegalBasis> bases = new ArrayList<>();
        if (cell == null) {
            return bases;
        }
        for (String part : SEPARATORS.split(Normalizer.normalize(cell, Normalizer.Form.NFKC))) {
            String text = part.strip().replaceAll("^[0-9]+[.、)]\\s*", "");
            if (!text.isEmpty()) {
                bases.add(basis(text));
            }
        }
        return bases;
    }

    static LegalBasis basis(String text) {
        String title;
        String rest;
        Matcher book = BOOK_TITLE.matcher(text);
        if (book.find()) {
            title = book.group();
            rest = text.substring(book.end());
        } else {
            Matcher article = ARTICLES.matcher(text);
            if (article.find()) {
                title = text.substring(0, article.start()).strip();
                rest = text.substring(article.start());
            } else {
                title = text;
                rest = "";
            }
        }
        Matcher article = ARTICLES.matcher(rest);
        String articleText = article.find() ? article.group() : null;
        if (title.isEmpty()) {
            title = text;
        }
        return new LegalBasis(kindOf(title), title, articleText);
    }

    static LegalBasisKind kindOf(String title) {
        String bare = Normalizer.normalize(title, Normalizer.Form.NFKC).replace("《", "").replace("》", "").strip();
        bare = NOTE.matcher(bare).replaceAll("").strip();
        if (bare.contains("三定") || bare.contains("内设机构和人员编制")) {
            return LegalBasisKind.THREE_DETERMINATIONS;
        }
        if (bare.endsWith("规定") || bare.endsWith("办法") || bare.endsWith("细则") || bare.endsWith("规则")) {
            return local(bare) ? LegalBasisKind.LOCAL_RULE : LegalBasisKind.DEPARTMENTAL_RULE;
        }
        if (bare.endsWith("法")) {
            return LegalBasisKind.LAW;
        }
        if (bare.endsWith("条例")) {
            return local(bare) ? LegalBasisKind.LOCAL_REGULATION : LegalBasisKind.ADMINISTRATIVE_REGULATION;
        }
        if (bare.startsWith("国务院") && bare.endsWith("决定")) {
            return LegalBasisKind.ADMINISTRATIVE_REGULATION;
        }
        return LegalBasisKind.NORMATIVE_DOCUMENT;
    }

    private static boolean local(String title) {
        if (title.startsWith("中华人民共和国") || title.startsWith("国务院")) {
            return false;
        }
        return PROVINCES.stream().anyMatch(title::startsWith) || PLACE.matcher(title).find();
    }
}
