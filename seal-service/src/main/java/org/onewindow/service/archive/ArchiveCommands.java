package org.onewindow.service.archive;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.onewindow.service.Application;
import org.onewindow.service.calendar.WorkingCalendar;
import org.onewindow.service.cases.CaseService;
import org.onewindow.service.catalog.ItemCatalog;
import org.onewindow.service.cli.Command;
import org.onewindow.service.cli.CommandContext;
import org.onewindow.service.cli.UsageException;
import org.onewindow.service.documents.DocumentService;
import org.onewindow.service.identity.IdentityAudit;
import org.onewindow.service.identity.IdentityService;
import org.onewindow.service.pki.CaRecord;
import org.onewindow.service.pki.ObjectStorePkiStateRepository;
import org.onewindow.service.pki.Pem;
import org.onewindow.service.seal.SealServices;
import org.onewindow.storage.ObjectStore;

/**
 * {@code archive export CASEID -o FILE.zip} (builds, stores and writes the package; audited as the CLI user) and
 * {@code archive verify FILE.zip [--ca root.pem]} (exit 0 valid, 1 invalid with every problem named, 2 usage).
 */
public final class ArchiveCommands {
    private ArchiveCommands() {
    }

    public static List<Command> all() {
        return List.of(
                Command.of("archive export", "CASEID -o FILE.zip", "封装已办结办件的电子档案 (ZIP，清单由中心签名) 并写入文件",
                        ArchiveCommands::export),
                Command.of("archive verify", "FILE.zip [--ca root.pem]",
                        "校验电子档案: 清单签名与证书链、每个文件的大小与 SHA-256 (0 有效，1 无效)", ArchiveCommands::verify));
    }

    static int export(List<String> args, CommandContext context) throws Exception {
        List<String> rest = new ArrayList<>(args);
        Path out = option(rest, "-o");
        if (out == null) {
            out = option(rest, "--out");
        }
        if (out == null || rest.size() != 1) {
            throw new UsageException("需要 CASEID 和 -o FILE.zip");
        }
        String caseId = rest.get(0);
        Clock clock = Clock.systemUTC();
        try (ObjectStore store = Application.openStore(context.config().storage())) {
            IdentityAudit feature = IdentityAudit.create(store, IdentityAudit.Settings.fromEnvironment(context.env()),
                    clock, new SecureRandom());
            SealServices seals = SealServices.start(context.config(), store, feature.audit(), clock);
            CaseService cases = new CaseService(store, new ItemCatalog(store),
                    WorkingCalendar.fromEnvironment(context.env()), feature.audit(), clock);
            try (DocumentService documents = new DocumentService(store, () -> seals, feature.audit(), clock,
                    DocumentService.defaultTempDir())) {
                ArchiveService archives = new ArchiveService(store, cases, documents, feature.audit(),
                        new ArchiveSigner(() -> seals, clock), clock, DocumentService.defaultTempDir());
                IdentityService.Actor actor = IdentityService.Actor.cli(context.env().getOrDefault("USER", "unknown"),
                        "cli-" + UUID.randomUUID().toString().substring(0, 8));
                ArchivePackage created = archives.create(actor.principal(), actor.requestId(), caseId);
                try (OutputStream file = Files.newOutputStream(out)) {
                    archives.copy(created, file);
                }
                context.out().println("已封装 " + caseId + ": " + created.files() + " 个文件，" + created.size()
                        + " 字节，SHA-256 " + created.sha256());
                context.out().println("已存入 " + created.key() + "，并写入 " + out.toAbsolutePath());
                return Command.OK;
            }
        }
    }

    static int verify(List<String> args, CommandContext context) throws Exception {
        List<String> rest = new ArrayList<>(args);
        Path ca = option(rest, "--ca");
        if (rest.size() != 1) {
            throw new UsageException("需要一个 FILE.zip");
        }
        Path zip = Path.of(rest.get(0));
        if (!Files.isRegularFile(zip)) {
            throw new UsageException("找不到文件 " + zip);
        }
        List<X509Certificate> roots;
        if (ca != null) {
            try {
                roots = Pem.certificates(Files.readAllBytes(ca));
            } catch (java.io.IOException | RuntimeException e) {
                throw new UsageException("无法读取根证书 " + ca + ": " + e.getMessage());
            }
            if (roots.isEmpty()) {
                throw new UsageException(ca + " 中没有证书");
            }
        } else {
            try (ObjectStore store = Application.openStore(context.config().storage())) {
                roots = storedRoots(store);
            }
            if (roots.isEmpty()) {
                throw new UsageException("配置的存储中没有根证书 (PKI 未初始化)；请用 --ca root.pem 指定可信根证书");
            }
        }
        ArchiveVerifier.Report report = new ArchiveVerifier(roots).verify(zip);
        if (report.valid()) {
            context.out().println("档案有效: 办件 " + report.caseId() + "，" + report.filesChecked() + " 个文件的大小与"
                    + " SHA-256 均与清单一致");
            context.out().println("签名者 " + report.signer() + "，签名时间 " + report.signedAt()
                    + (report.timeStampedAt() == null ? "（无时间戳）" : "，时间戳 " + report.timeStampedAt()));
            return Command.OK;
        }
        context.out().println("档案无效" + (report.caseId() == null ? "" : " (办件 " + report.caseId() + ")") + "，"
                + report.problems().size() + " 个问题:");
        for (ArchiveVerifier.Problem p : report.problems()) {
            context.out().println("  " + p.kind() + (p.path() == null ? "" : " " + p.path()) + ": " + p.message());
        }
        return Command.FAILED;
    }

    /** The self-signed roots of every CA the stored PKI knows (demo root, imported roots). */
    static List<X509Certificate> storedRoots(ObjectStore store) {
        List<X509Certificate> roots = new ArrayList<>();
        for (CaRecord record : new ObjectStorePkiStateRepository(store).listCas()) {
            List<X509Certificate> chain = record.chain();
            X509Certificate last = chain.get(chain.size() - 1);
            if (last.getSubjectX500Principal().equals(last.getIssuerX500Principal()) && !roots.contains(last)) {
                roots.add(last);
            }
        }
        return roots;
    }

    private static Path option(List<String> rest, String name) {
        int at = rest.indexOf(name);
        if (at < 0) {
            return null;
        }
        if (at + 1 >= rest.size()) {
            throw new UsageException(name + " 需要一个文件名");
        }
        Path value = Path.of(rest.remove(at + 1));
        rest.remove(at);
        return value;
    }
}
