package org.quanli.command.places;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.quanli.kernel.places.JurisdictionLevel;

/** The place lookup for aggregate fixture tests, which exercise rules without a database. */
public class InMemoryPlaceDirectory implements PlaceDirectory {

    private final Map<String, RegisteredJurisdiction> jurisdictions = new HashMap<>();
    private final Map<String, RegisteredBody> bodies = new HashMap<>();

    public InMemoryPlaceDirectory jurisdiction(String code, JurisdictionLevel level, String parentCode) {
        jurisdictions.put(code, new RegisteredJurisdiction(code, level, parentCode));
        return this;
    }

    public InMemoryPlaceDirectory body(String bodyId, String jurisdictionCode, boolean administrativeSubject) {
        RegisteredJurisdiction j = jurisdictions.get(jurisdictionCode);
        bodies.put(bodyId, new RegisteredBody(bodyId, jurisdictionCode, j.level(), administrativeSubject));
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
    public boolean isSameOrBelow(String code, String ancestor) {
        for (String c = code; c != null; c = jurisdictions.containsKey(c) ? jurisdictions.get(c).parentCode() : null) {
            if (c.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }
}
