package io.playstream.app.http;

import static org.assertj.core.api.Assertions.assertThat;

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
}
