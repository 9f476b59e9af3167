package io.anklume.incus;

import com.fasterxml.jackson.databind.JsonNode;
import io.anklume.incus.model.Operation;
import java.util.ArrayList;
import java.util.List;

final class RestOperations implements OperationsApi {
    private final Rest rest;

    RestOperations(Rest rest) {
        this.rest = rest;
    }

    @Override
    public List<Operation> listAll() {
        JsonNode byStatus = rest.get("/1.0/operations", Query.of().with("all-projects", "true").with("recursion", 1));
        List<Operation> all = new ArrayList<>();
        if (byStatus != null) {
            byStatus.fields().forEachRemaining(e -> e.getValue().forEach(
                    op -> all.add(Json.convert(rest.json(), op, Operation.class))));
        }
        return all;
    }

    @Override
    public OperationHandle handle(String id) {
        Operation op = rest.get("/1.0/operations/" + id, Query.of(), Operation.class);
        return new RestOperationHandle(rest, "/1.0/operations/" + id, op, "operation " + id);
    }
}
