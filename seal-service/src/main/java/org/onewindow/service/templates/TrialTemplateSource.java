package org.onewindow.service.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.onewindow.templates.TemplateSource;

/**
 * The effective templates, with a candidate definition in front of them on the current thread only: an uploaded
 * override is rendered once with its sample data before it is stored, without other requests ever seeing it.
 */
final class TrialTemplateSource implements TemplateSource {
    private record Candidate(String templateId, byte[] json) {
    }

    private final TemplateSource delegate;
    private final ThreadLocal<Candidate> candidate = new ThreadLocal<>();

    TrialTemplateSource(TemplateSource delegate) {
        this.delegate = delegate;
    }

    /** Runs {@code work} on this thread with {@code json} standing in for {@code templateId}. */
    <T> T withCandidate(String templateId, byte[] json, Supplier<T> work) {
        candidate.set(new Candidate(templateId, json.clone()));
        try {
            return work.get();
        } finally {
            candidate.remove();
        }
    }

    @Override
    public List<String> templateIds() {
        List<String> ids = new ArrayList<>(delegate.templateIds());
        Candidate c = candidate.get();
        if (c != null && !ids.contains(c.templateId())) {
            ids.add(c.templateId());
        }
        return ids;
    }

    @Override
    public Optional<byte[]> load(String templateId) {
        Candidate c = candidate.get();
        if (c != null && c.templateId().equals(templateId)) {
            return Optional.of(c.json().clone());
        }
        return delegate.load(templateId);
    }
}
