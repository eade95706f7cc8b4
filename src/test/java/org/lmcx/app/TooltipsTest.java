package org.lmcx.app;

import org.junit.jupiter.api.Test;
import org.lmcx.match.Matcher;
import org.lmcx.match.Matchers;
import org.lmcx.match.MethodOption;

import static org.assertj.core.api.Assertions.assertThat;

/** The Methods panel's titles and tooltips come from the methods themselves: none is left out or stale. */
class TooltipsTest {

    @Test
    void everyMethodsTooltipDescribesEachOptionItDeclares() {
        for (String name : Matchers.names()) {
            Matcher m = Matchers.get(name);
            assertThat(new MethodConfig(name, false).title()).as(name).isEqualTo(m.title()).isNotBlank();
            assertThat(Tooltips.methodText(name)).as(name).isEqualTo(m.description()).isNotBlank();
            String text = Tooltips.optionsText(name);
            for (MethodOption<?> o : m.options()) {
                assertThat(text).as("%s tooltip", name)
                        .contains("• " + o.name() + ": " + o.help() + " (default " + o.defaultText() + "; " + o.rule());
            }
            if (m.options().isEmpty()) {
                assertThat(text).isEqualTo("This method has no options");
            }
        }
    }
}
