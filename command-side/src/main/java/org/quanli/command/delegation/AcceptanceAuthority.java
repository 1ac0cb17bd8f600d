package org.quanli.command.delegation;

import java.time.LocalDate;
import java.util.Optional;

import org.quanli.kernel.delegation.AcceptanceCapacity;
import org.quanli.platform.architecture.FeatureInterface;

/**
 * May body B accept cases of item X on date D, and in which capacity: as the holder of its own, devolved, granted or
 * entrusted power, or on a receiver's behalf during a devolution's transition (帮办代办). Command handlers that
 * accept cases ask this; the command side never asks the query side.
 */
@FeatureInterface
public interface AcceptanceAuthority {

    Optional<Acceptance> acceptance(String bodyId, String itemId, LocalDate date);

    /**
     * @param onBehalfOfBodyId for ON_BEHALF: the receiver the body acts for
     * @param delegationId     the delegation behind the capacity, if any
     */
    record Acceptance(AcceptanceCapacity capacity, String onBehalfOfBodyId, String delegationId) {
    }
}
