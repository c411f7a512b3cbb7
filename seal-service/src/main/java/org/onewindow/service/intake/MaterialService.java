package org.onewindow.service.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.onewindow.service.errors.BadRequestException;
import org.onewindow.service.errors.NotFoundException;
import org.onewindow.service.intake.ocr.OcrEngine;
import org.onewindow.service.intake.ocr.OcrPage;
import org.onewindow.service.intake.ocr.TextLayerWriter;
import org.onewindow.service.jobs.JobRecord;
import org.onewindow.service.jobs.JobRunner;
import org.onewindow.storage.ListPage;
import org.onewindow.storage.ObjectInfo;
import org.onewindow.storage.ObjectStore;
import org.onewindow.storage.PutOptions;
import org.onewindow.storage.StoredObject;
import org.onewindow.storage.WriteCondition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The intake workflow for one material of a case: receive and check every file, normalize them into one PDF,
 * then store originals, document and record together (or nothing), and queue the background job that renders
 * previews and adds the OCR text layer.
 */
public final class MaterialService {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final DateTimeFormatter SUBMISSION_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final String RECORD = "material.json";

    private final ObjectStore store;
    private final MaterialIntake intake;
    private final MaterialNormalizer normalizer;
    private final OcrEngine ocr;
    private final TextLayerWriter textLayer;
    private final PreviewRenderer previews;
    private final JobRunner jobs;
    private final Path workDirectory;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public MaterialService(ObjectStore store, MaterialIntake intake, MaterialNormalizer normalizer, OcrEngine ocr,
                           TextLayerWriter textLayer, PreviewRenderer previews, JobRunner jobs, Path workDirectory,
                           Clock clock) {
        this.store = store;
        this.intake = intake;
        this.normalizer = normalizer;
        this.ocr = ocr;
        this.textLayer = textLayer;
        this.previews = previews;
        this.jobs = jobs;
        this.workDirectory = workDirectory;
        this.clock = clock;
    }

    /**
     * Accepts one material (one or several files, in order).
     *
     * @throws BadRequestException      invalid case id or material code, no file, too many files
     * @throws MaterialTypeException    (415) a file of an unsupported type or not what its name/Content-Type says
     * @throws MaterialLimitException   (413) a limit is exceeded
     * @throws CorruptMaterialException (422) truncated, corrupt or polyglot file
     */
    public MaterialSubmission submit(String caseId, String materialCode, List<Upload> uploads) {
        checkId("case id", caseId);
        checkId("material code", materialCode);
        if (uploads.isEmpty()) {
            throw new BadRequestException("no file was uploaded");
        }
        if (uploads.size() > intake.limits().maxFilesPerMaterial()) {
            throw new BadRequestException("at most " + intake.limits().maxFilesPerMaterial()
                    + " files may be uploaded for one material");
        }
        List<InspectedFile> files = new ArrayList<>();
        Path document = null;
        try {
            int pages = 0;
            for (Upload upload : uploads) {
                InspectedFile file = intake.receive(upload.content(), upload.declaredName());
                files.add(file);
                checkDeclaredContentType(upload, file);
                pages += file.pageCount();
                if (pages > intake.limits().maxPages()) {
                    throw new MaterialLimitException("this material has more than " + intake.limits().maxPages()
                            + " pages");
                }
            }
            Files.createDirectories(workDirectory);
            document = Files.createTempFile(workDirectory, "material-", ".pdf");
            NormalizedPdf normalized = normalizer.normalize(files, document);
            return commit(caseId, materialCode, files, normalized);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            files.forEach(f -> f.upload().close());
            if (document != null) {
                deleteQuietly(document);
            }
        }
    }

    private static void checkDeclaredContentType(Upload upload, InspectedFile file) {
        String declared = upload.declaredContentType();
        if (declared == null) {
            return;
        }
        String mime = declared.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        MaterialType.ofMimeType(mime).ifPresent(claimed -> {
            if (claimed != file.type()) {
                throw new MaterialTypeException("file '" + file.upload().displayName() + "' was sent as " + mime
                        + " but its content is " + file.type().mimeType(), file.type().mimeType());
            }
        });
    }

    private MaterialSubmission commit(String caseId, String materialCode, List<InspectedFile> files,
                                      NormalizedPdf normalized) throws IOException {
        Instant now = clock.instant();
        String submissionId = SUBMISSION_TIME.format(now) + "-" + HexFormat.of().formatHex(randomBytes());
        String base = submissionPrefix(caseId, materialCode) + submissionId + "/";
        List<String> written = new ArrayList<>();
        try {
            List<StoredOriginal> originals = new ArrayList<>();
            for (InspectedFile file : files) {
                StoredOriginal original = intake.storeOriginal(file);
                if (!original.duplicate()) {
                    written.add(original.key());
                }
                originals.add(original);
            }
            String documentKey = base + "document.pdf";
            ObjectInfo documentInfo;
            try (InputStream in = Files.newInputStream(normalized.file())) {
                documentInfo = store.put(documentKey, in, new PutOptions("application/pdf", Map.of(),
                        WriteCondition.ifAbsent()));
            }
            written.add(documentKey);
            MaterialSubmission pending = new MaterialSubmission(caseId, materialCode, submissionId, now, originals,
                    documentKey, documentInfo.sha256(), normalized.pages(), normalized.conformance(),
                    normalized.actions(), null);
            JobRecord job = jobs.submit("ocr", normalized.pages(), progress -> ocrAndPreviews(pending, base, progress));
            MaterialSubmission submission = new MaterialSubmission(caseId, materialCode, submissionId, now, originals,
                    documentKey, documentInfo.sha256(), normalized.pages(), normalized.conformance(),
                    normalized.actions(), job.id());
            store.put(base + RECORD, json.writeValueAsBytes(submission),
                    new PutOptions("application/json", Map.of(), WriteCondition.ifAbsent()));
            return submission;
        } catch (RuntimeException | IOException e) {
            written.forEach(store::delete);
            throw e;
        }
    }

    private Map<String, String> ocrAndPreviews(MaterialSubmission submission, String base,
                                               org.onewindow.service.jobs.JobTask.JobProgress progress) throws IOException {
        Files.createDirectories(workDirectory);
        Path document = Files.createTempFile(workDirectory, "ocr-in-", ".pdf");
        Path searchable = Files.createTempFile(workDirectory, "ocr-out-", ".pdf");
        try {
            try (StoredObject stored = store.get(submission.documentKey())) {
                Files.copy(stored.content(), document, StandardCopyOption.REPLACE_EXISTING);
            }
            List<OcrPage> pages = ocr.recognize(document, progress::pages, (index, pdf, renderer) -> {
                for (Map.Entry<PreviewSize, byte[]> preview : previews.render(pdf, renderer, index).entrySet()) {
                    store.put(previewKey(base, index + 1, preview.getKey()), preview.getValue(), PutOptions.of("image/png"));
                }
            });
            int words = textLayer.write(document, searchable, pages, "PDF/A-2U".equals(submission.conformance()));
            String key = base + "searchable.pdf";
            try (InputStream in = Files.newInputStream(searchable)) {
                store.put(key, in, PutOptions.of("application/pdf"));
            }
            return Map.of("searchableKey", key, "words", Integer.toString(words));
        } finally {
            deleteQuietly(document);
            deleteQuietly(searchable);
        }
    }

    /** The latest submission of a material with the state of its background work. */
    public Optional<MaterialStatus> latest(String caseId, String materialCode) {
        List<MaterialSubmission> all = submissions(caseId, materialCode);
        return all.isEmpty() ? Optional.empty() : Optional.of(status(all.get(all.size() - 1)));
    }

    /** Every submission of a material, oldest first. */
    public List<MaterialSubmission> submissions(String caseId, String materialCode) {
        checkId("case id", caseId);
        checkId("material code", materialCode);
        List<MaterialSubmission> found = new ArrayList<>();
        for (String key : keys(submissionPrefix(caseId, materialCode))) {
            if (key.endsWith("/" + RECORD)) {
                found.add(read(key));
            }
        }
        return found;
    }

    public MaterialStatus status(MaterialSubmission submission) {
        String base = submissionPrefix(submission.caseId(), submission.materialCode()) + submission.submissionId() + "/";
        String searchable = store.head(base + "searchable.pdf").isPresent() ? base + "searchable.pdf" : null;
        int previewPages = 0;
        while (previewPages < submission.pages()
                && store.head(previewKey(base, previewPages + 1, PreviewSize.THUMB)).isPresent()) {
            previewPages++;
        }
        JobRecord job = submission.ocrJobId() == null ? null : jobs.find(submission.ocrJobId()).orElse(null);
        return new MaterialStatus(submission, searchable, previewPages, job);
    }

    /** Material codes of the case that have at least one submission. */
    public TreeSet<String> uploadedMaterialCodes(String caseId) {
        checkId("case id", caseId);
        String prefix = "cases/" + caseId + "/materials/";
        TreeSet<String> codes = new TreeSet<>();
        for (String key : keys(prefix)) {
            if (key.endsWith("/" + RECORD)) {
                codes.add(key.substring(prefix.length(), key.indexOf('/', prefix.length())));
            }
        }
        return codes;
    }

    /**
     * Opens a page preview of the latest submission.
     *
     * @throws NotFoundException when there is no such material, page or preview (yet)
     */
    public StoredObject preview(String caseId, String materialCode, int page, PreviewSize size) {
        MaterialSubmission submission = latest(caseId, materialCode)
                .orElseThrow(() -> new NotFoundException("no material " + materialCode + " in case " + caseId))
                .submission();
        if (page < 1 || page > submission.pages()) {
            throw new NotFoundException("material " + materialCode + " has no page " + page);
        }
        String key = previewKey(submissionPrefix(caseId, materialCode) + submission.submissionId() + "/", page, size);
        if (store.head(key).isEmpty()) {
            throw new NotFoundException("the preview of page " + page + " is not rendered yet");
        }
        return store.get(key);
    }

    /** Opens the searchable PDF of the latest submission when OCR has finished, else the normalized PDF. */
    public StoredObject document(String caseId, String materialCode) {
        MaterialStatus status = latest(caseId, materialCode)
                .orElseThrow(() -> new NotFoundException("no material " + materialCode + " in case " + caseId));
        return store.get(status.searchableKey() != null ? status.searchableKey() : status.submission().documentKey());
    }

    private MaterialSubmission read(String key) {
        try {
            return json.readValue(store.readAllBytes(key), MaterialSubmission.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> keys(String prefix) {
        List<String> keys = new ArrayList<>();
        String after = null;
        do {
            ListPage page = store.list(prefix, after, 1000);
            page.objects().forEach(o -> keys.add(o.key()));
            after = page.nextStartAfter();
        } while (after != null);
        return keys;
    }

    static String submissionPrefix(String caseId, String materialCode) {
        return "cases/" + caseId + "/materials/" + materialCode + "/";
    }

    static String previewKey(String base, int page, PreviewSize size) {
        return base + "previews/p" + String.format("%04d", page) + "-" + size.slug() + ".png";
    }

    private static void checkId(String what, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new BadRequestException(what + " must be 1-64 characters of letters, digits, '.', '_' or '-'"
                    + " starting with a letter or digit");
        }
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[4];
        random.nextBytes(bytes);
        return bytes;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // temporary files live in the service's private work directory
        }
    }
}
