package io.playstream.transform.internal.jinja;

import io.playstream.PlaystreamException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks at a file's Jinja before rendering: rewrites {@code adapter.dispatch('m', 'pkg')(args)}
 * (a call on a call's result, which Jinjava's expression language cannot parse) into
 * {@code __ps_dispatch('m', args)}, and refuses what the runner does not implement (other
 * {@code adapter} methods, package macros other than the built-in dbt_utils ones), naming the
 * file and the construct instead of misrunning.
 */
final class TemplateCheck {

    static final Set<String> DBT_UTILS_MACROS = Set.of("generate_surrogate_key");
    private static final Pattern DISPATCH = Pattern.compile(
            "adapter\\.dispatch\\(\\s*(['\"])(\\w+)\\1\\s*(?:,\\s*(?:macro_namespace\\s*=\\s*)?(['\"])\\w+\\3\\s*)?\\)\\s*\\(");
    private static final Pattern ADAPTER_CALL = Pattern.compile("\\badapter\\s*\\.\\s*(\\w+)");
    private static final Pattern NAMESPACED_CALL = Pattern.compile("\\b(\\w+)\\s*\\.\\s*(\\w+)\\s*\\(");
    private static final Pattern JINJA = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);
    private static final Set<String> UNSUPPORTED_NAMESPACES = Set.of("dbt", "adapter", "exceptions", "modules", "graph");

    private TemplateCheck() {
    }

    /** The template, with dispatch rewritten; throws for an unsupported construct. */
    static String prepare(String file, String template, List<String> packages) {
        String rewritten = rewriteDispatch(template);
        Matcher jinja = JINJA.matcher(stripComments(rewritten));
        while (jinja.find()) {
            check(file, jinja.group(), packages);
        }
        return rewritten;
    }

    private static String stripComments(String template) {
        return template.replaceAll("(?s)\\{#.*?#}", "");
    }

    private static void check(String file, String block, List<String> packages) {
        Matcher adapter = ADAPTER_CALL.matcher(block);
        if (adapter.find()) {
            throw unsupported(file, "adapter." + adapter.group(1), "only adapter.dispatch is supported");
        }
        Matcher call = NAMESPACED_CALL.matcher(block);
        while (call.find()) {
            String namespace = call.group(1);
            String macro = namespace + "." + call.group(2);
            if (namespace.equals("exceptions") && call.group(2).equals("raise_compiler_error")) {
                continue;
            }
            if (namespace.equals("dbt_utils")) {
                if (!packages.contains("dbt_utils")) {
                    throw unsupported(file, macro, "dbt_utils is not declared in packages.yml");
                }
                if (!DBT_UTILS_MACROS.contains(call.group(2))) {
                    throw unsupported(file, macro, "the runner implements dbt_utils." + String.join(", dbt_utils.", DBT_UTILS_MACROS));
                }
            } else if (packages.contains(namespace) || UNSUPPORTED_NAMESPACES.contains(namespace)) {
                throw unsupported(file, macro, "the runner implements no macro of package '" + namespace + "'");
            }
        }
    }

    private static PlaystreamException unsupported(String file, String construct, String why) {
        return PlaystreamException.permanent(file + ": unsupported construct '" + construct + "' (" + why + ")");
    }

    private static String rewriteDispatch(String template) {
        Matcher m = DISPATCH.matcher(template);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(template, last, m.start()).append("__ps_dispatch('").append(m.group(2)).append('\'');
            int next = m.end();
            while (next < template.length() && Character.isWhitespace(template.charAt(next))) {
                next++;
            }
            if (next >= template.length() || template.charAt(next) != ')') {
                out.append(", ");
            }
            last = m.end();
        }
        return out.append(template.substring(last)).toString();
    }
}
