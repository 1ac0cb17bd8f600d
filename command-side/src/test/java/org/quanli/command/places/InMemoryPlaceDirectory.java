package org.quanli.command.places;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.quanli.kernel.places.BodyStatus;
import org.quanli.kernel.places.JurisdictionLevel;

/** The place lookup for aggregate fixture tests, which exercise rules without a database. */
public class InMemoryPlaceDirectory implements PlaceDirectory {

    private final Map<String, RegisteredJurisdiction> jurisdictions = new HashMap<>();
    private final Map<String, RegisteredBody> bodies = new HashMap<>();

    public InMemoryPlaceDirectory jurisdiction(String code, JurisdictionLevel level, String parentCode) {
        jurisdictions.put(code, new RegisteredJurisdiction(code, level, parentCode));
        return this;
    }

    /** An active body, named after its code. */
    public InMemoryPlaceDirectory body(String bodyId, String jurisdictionCode, boolean administrativeSubject) {
        RegisteredJurisdiction j = jurisdictions.get(jurisdictionCode);
        bodies.put(bodyId, new RegisteredBody(bodyId, jurisdictionCode, j.level(), administrativeSubject,
                "单位" + bodyId, BodyStatus.ACTIVE, null));
        return this;
    }

    public InMemoryPlaceDirectory merged(String bodyId, String successorBodyId) {
        return status(bodyId, BodyStatus.MERGED, successorBodyId);
    }

    public InMemoryPlaceDirectory abolished(String bodyId) {
        return status(bodyId, BodyStatus.ABOLISHED, null);
    }

    private InMemoryPlaceDirectory status(String bodyId, BodyStatus status, String successorBodyId) {
        RegisteredBody b = bodies.get(bodyId);
        bodies.put(bodyId, new RegisteredBody(bodyId, b.jurisdictionCode(), b.jurisdictionLevel(),
                b.administrativeSubject(), b.name(), status, successorBodyId));
        return this;
    }

    @Override
    public Optional<RegisteredJurisdiction> jurisdiction(String code) {
        return Optional.ofNullable(jurisdictions.get(code));
    }

    @Override
    public Optional<RegisteredBody> body(String bodyId) {
        return Optional.ofNullable(bodies.get(bodyId));
    }

    @Override
    public void lockBody(String bodyId) {
        // One test, one thread: nothing to hold.
    }

    @Override
    public List<String> predecessorsOf(String bodyId) {
        List<String> found = new ArrayList<>();
        for (int i = -1; i < found.size(); i++) {
            String successor = i < 0 ? bodyId : found.get(i);
            bodies.values().stream().filter(b -> successor.equals(b.successorBodyId()))
                    .map(RegisteredBody::bodyId).sorted().forEach(found::add);
        }
        return found;
    }

    @Override
    public boolean isSameOrBelow(String code, String ancestor) {
        for (String c = code; c != null; c = jurisdictions.containsKey(c) ? jurisdictions.get(c).parentCode() : null) {
            if (c.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }
}
