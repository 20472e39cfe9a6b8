package org.jtls.cli.verify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jtls.cli.json.JsonWriter;
import org.jtls.x509.path.ValidationResult;

/**
 * The answer to one case: its id ({@code null} when the line had none), the verdict and why, and —
 * when validation ran — the validation result. {@code internalError} marks a case that hit a bug
 * in jtls.
 */
public record CaseResult(String id, Verdict verdict, String reason, Optional<ValidationResult> validation,
        boolean internalError) {

    /** The result line: {@code {"id":...,"result":...,"reason":...}}. */
    public String toJsonLine() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("id", id);
        line.put("result", verdict.name());
        line.put("reason", reason);
        return JsonWriter.write(line);
    }
}
