package io.playstream.transform.internal.jinja;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** adapter.dispatch is rewritten into one call Jinjava can parse; unsupported namespaces are refused. */
class TemplateCheckTest {

    @Test
    void dispatchWithAndWithoutArgumentsBecomesOneCall() {
        assertThat(TemplateCheck.prepare("m.sql", "{{ adapter.dispatch('cast_ts', 'playstream')(col, 'x') }}", List.of()))
                .isEqualTo("{{ __ps_dispatch('cast_ts', col, 'x') }}");
        assertThat(TemplateCheck.prepare("m.sql", "{{ adapter.dispatch(\"now\", macro_namespace=\"playstream\") ( ) }}", List.of()))
                .isEqualTo("{{ __ps_dispatch('now' ) }}");
        assertThat(TemplateCheck.prepare("m.sql", "{{ adapter.dispatch('now')() }}", List.of())).isEqualTo("{{ __ps_dispatch('now') }}");
    }

    @Test
    void commentsMayMentionAnything() {
        assertThat(TemplateCheck.prepare("m.sql", "{# uses adapter.get_relation() #}select 1", List.of("dbt_utils")))
                .isEqualTo("{# uses adapter.get_relation() #}select 1");
    }

    @Test
    void dbtUtilsMacrosNeedThePackageAndAnImplementation() {
        assertThatThrownBy(() -> TemplateCheck.prepare("m.sql", "{{ dbt_utils.generate_surrogate_key(['a']) }}", List.of()))
                .hasMessageContaining("m.sql: unsupported construct 'dbt_utils.generate_surrogate_key' (dbt_utils is not declared in packages.yml)");
        assertThat(TemplateCheck.prepare("m.sql", "{{ dbt_utils.generate_surrogate_key(['a']) }}", List.of("dbt_utils")))
                .contains("generate_surrogate_key");
    }
}
