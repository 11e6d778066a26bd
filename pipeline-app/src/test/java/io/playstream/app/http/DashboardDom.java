package io.playstream.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the dashboard's figures out of the DOM headless Chromium dumped, by their {@code data-testid}. */
final class DashboardDom {

    private DashboardDom() {
    }

    /** The opening tag and content of the first {@code tag} element carrying {@code marker}, up to its end tag. */
    static String element(String html, String tag, String marker) {
        Matcher element = Pattern.compile("<" + tag + "\\b[^>]*" + Pattern.quote(marker) + "[^>]*>.*?</" + tag + ">", Pattern.DOTALL)
                .matcher(html);
        assertThat(element.find()).as("<%s %s>", tag, marker).isTrue();
        return element.group();
    }

    static String headline(String html, String name) {
        Matcher value = Pattern.compile("data-testid=\"headline-" + name + "\"[^>]*\\bdata-value=\"([^\"]*)\"").matcher(html);
        assertThat(value.find()).as("headline %s has a value", name).isTrue();
        return value.group(1);
    }

    static String text(String html, String testId) {
        Matcher text = Pattern.compile("data-testid=\"" + testId + "\"[^>]*>([^<]*)<").matcher(html);
        assertThat(text.find()).as("element %s", testId).isTrue();
        return text.group(1);
    }

    static String attribute(String html, String tag, String name) {
        Matcher element = Pattern.compile("<" + tag + "\\b[^>]*\\b" + name + "=\"([^\"]*)\"").matcher(html);
        return element.find() ? element.group(1) : null;
    }

    /** The value of a figure in the health panel, e.g. {@code bronze-rows}. */
    static String healthValue(String html, String name) {
        return attribute(element(html, "dd", "data-testid=\"health-" + name + "\""), "dd", "data-value");
    }

    /** The text of each cell of each row {@code <tr data-testid="<testId>-row">}, tags stripped. */
    static List<List<String>> rows(String html, String testId) {
        Matcher row = Pattern.compile("<tr data-testid=\"" + Pattern.quote(testId) + "-row\"[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(html);
        List<List<String>> rows = new ArrayList<>();
        while (row.find()) {
            Matcher cell = Pattern.compile("<td\\b[^>]*>(.*?)</td>", Pattern.DOTALL).matcher(row.group(1));
            List<String> cells = new ArrayList<>();
            while (cell.find()) {
                cells.add(cell.group(1).replaceAll("<[^>]*>", "").replace("&amp;", "&"));
            }
            rows.add(cells);
        }
        return rows;
    }

    /** The {@code data-<name>} attribute of each element carrying {@code marker}, in page order. */
    static List<String> attributes(String html, String marker, String name) {
        Matcher element = Pattern.compile("<[a-z]+\\b[^>]*" + Pattern.quote(marker) + "[^>]*>").matcher(html);
        List<String> values = new ArrayList<>();
        while (element.find()) {
            values.add(attribute(element.group(), "[a-z]+", name));
        }
        return values;
    }
}
