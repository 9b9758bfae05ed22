package fi.hel.callrec.commons.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StaffTest {

    private static Staff staff(String agentId, String... roles) {
        return new Staff("sub", "name", Set.of(roles), agentId);
    }

    @Test
    void anAgentHearsOnlyTheirOwnExtension() {
        Staff agent = staff("1001", "agent");
        assertThat(agent.mayHear("1001")).isTrue();
        assertThat(agent.mayHear("1002")).isFalse();
        assertThat(agent.mayHear(null)).isFalse();
        assertThat(agent.onlyExtension()).isEqualTo("1001");
        assertThat(agent.seesNothing()).isFalse();
    }

    @Test
    void anAgentWithoutExtensionSeesNothing() {
        Staff agent = staff("  ", "agent");
        assertThat(agent.agentId()).isNull();
        assertThat(agent.seesNothing()).isTrue();
        assertThat(agent.mayHear("1001")).isFalse();
    }

    @Test
    void anExtensionWithoutTheAgentRoleIsNotEnough() {
        Staff auditor = staff("1001", "auditor");
        assertThat(auditor.seesNothing()).isTrue();
        assertThat(auditor.mayHear("1001")).isFalse();
    }

    @Test
    void supervisorsAndManagersHearAll() {
        for (String role : new String[] {"supervisor", "manager"}) {
            Staff s = staff("1001", role, "agent");
            assertThat(s.seesAll()).isTrue();
            assertThat(s.onlyExtension()).isNull();
            assertThat(s.mayHear("2002")).isTrue();
            assertThat(s.seesNothing()).isFalse();
        }
    }

    @Test
    void rolesAreWrittenSorted() {
        assertThat(staff(null, "supervisor", "agent", "manager").rolesText()).isEqualTo("agent,manager,supervisor");
    }
}
