package org.onewindow.service.sign;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.onewindow.service.cli.Command;
import org.onewindow.service.cli.CommandContext;
import org.onewindow.service.cli.UsageException;
import org.onewindow.service.errors.OnewindowException;
import org.onewindow.service.keys.CustodySigner;
import org.onewindow.service.keys.KeyRef;
import org.onewindow.service.keys.Pkcs12CustodyConfig;
import org.onewindow.service.keys.Pkcs12KeyCustody;
import org.onewindow.service.keys.SecretSource;
import org.onewindow.service.keys.SignatureAlgorithm;
import org.onewindow.service.keys.Sm2;
import org.onewindow.service.ofd.OfdSealPlacement;
import org.onewindow.service.ofd.OfdSealRequest;
import org.onewindow.service.ofd.OfdSealer;
import org.onewindow.service.pki.TimeStamper;
import org.onewindow.service.seal.image.ImportedSealImage;
import org.onewindow.service.seal.image.RasterSeal;
import org.onewindow.service.seal.image.SealImageException;
import org.onewindow.service.seal.image.SealImageImporter;
import org.onewindow.service.seal.image.SealImageSpec;
import org.onewindow.service.seal.image.SealLayout;
import org.onewindow.service.ses.SesFormatException;
import org.onewindow.service.ses.SesSealParser;
import org.onewindow.service.ses.SesSigner;
import org.onewindow.storage.fs.FileSystemObjectStore;

/**
 * {@code onewindow sign}: seals a PDF file (PAdES) or an OFD file (GB/T 38540 {@code SES_Signature} with an SM2 key
 * and the seal's {@code SESeal} file, e.g. from {@code GET /api/seals/{id}/ses}) with a seal key from a PKCS#12 file
 * (standalone use).
 *
 * <p>The PKCS#12 key is imported into a throw-away PKCS#12 custody in a temporary directory, so the sealing path is
 * the same as the service's (the PDF code never holds the private key), and deleted afterwards. B-T and B-LTA need
 * {@code --tsa-url}; B-LT/B-LTA need this service's revocation data and are available through the service.
 */
public final class SignCommand implements Command {
    private static final Set<String> VALUED = Set.of("--in", "--out", "--p12", "--p12-pass-env", "--p12-pass-file",
            "--level", "--field", "--page", "--rect", "--anchor", "--reason", "--location", "--certify",
            "--pdf-password-env", "--org", "--seal-name", "--tsa-url", "--field-name", "--cross-page", "--seal-image",
            "--ses-seal", "--size", "--sm2-p12", "--sm2-pass-env", "--sm2-pass-file");
    private static final Set<String> FLAGS = Set.of("--invisible", "--close");
    /** Options that only mean something for one of the two formats. */
    private static final Set<String> PDF_ONLY = Set.of("--level", "--field", "--reason", "--location", "--certify",
            "--pdf-password-env", "--org", "--seal-name", "--field-name", "--cross-page", "--seal-image",
            "--invisible");
    private static final Set<String> OFD_ONLY = Set.of("--size", "--close");
    /** Field name of the SM2 seal of a dual-sealed PDF. */
    static final String SM2_FIELD = "SM2Seal1";

    @Override
    public String name() {
        return "sign";
    }

    @Override
    public String usage() {
        return "--in 输入.pdf --out 输出.pdf --p12 印章.p12 (--p12-pass-env 变量 | --p12-pass-file 文件)"
                + " [--level B-B|B-T|B-LT|B-LTA] [--field 签名域 | --page N --rect x,y,宽,高(毫米,自左上角)"
                + " | --anchor 文字 | --invisible] [--org 单位名称 --seal-name 章名] [--reason 事由]"
                + " [--location 地点] [--certify 1|2|3] [--pdf-password-env 变量] [--tsa-url URL]"
                + " [--cross-page right|left (骑缝章)] [--seal-image 印模.png]"
                + " [双章: --ses-seal 印章.esl --sm2-p12 SM2密钥.p12 (--sm2-pass-env 变量 | --sm2-pass-file 文件)]"
                + " | OFD: --in 输入.ofd --out 输出.ofd --p12 SM2密钥.p12 (口令同上) --ses-seal 印章.esl"
                + " (--page N --rect x,y,宽,高 | --anchor 文字 [--page N] [--size 毫米]) [--tsa-url URL] [--close]";
    }

    @Override
    public String summary() {
        return "用 PKCS#12 印章密钥对 PDF (PAdES) 或 OFD (GB/T 38540, SM2) 文件加盖电子印章";
    }

    /** Runs with the process environment; for callers outside the registry. */
    public int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return run(Arrays.asList(args), new CommandContext(System.getenv(), out, err));
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println("用法: onewindow sign " + usage());
            return USAGE;
        }
    }

    @Override
    public int run(List<String> args, CommandContext context) {
        Map<String, String> options = parse(args);
        Path input = Path.of(required(options, "--in"));
        Path output = Path.of(required(options, "--out"));
        Path p12 = Path.of(required(options, "--p12"));
        if (!Files.isRegularFile(input)) {
            throw new UsageException("输入文件不存在: " + input);
        }
        SecretSource passSource = keyFile(options, p12, "--p12-pass-env", "--p12-pass-file");
        if (input.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ofd")) {
            return signOfd(options, input, output, p12, passSource, context);
        }
        List<String> ofdOnly = OFD_ONLY.stream().filter(options::containsKey).sorted().toList();
        if (!ofdOnly.isEmpty()) {
            throw new UsageException("以下参数只用于 OFD: " + ofdOnly);
        }
        Optional<Sm2Part> sm2 = sm2Part(options);
        PadesLevel level;
        try {
            level = options.containsKey("--level") ? PadesLevel.parse(options.get("--level")) : PadesLevel.DEFAULT;
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (level.needsTimeStamp() && !options.containsKey("--tsa-url")) {
            if (options.containsKey("--level")) {
                throw new UsageException(level + " 需要时间戳服务: 请给出 --tsa-url");
            }
            level = PadesLevel.B_B;
        }
        SealPlacement placement = placement(options);
        SealRequest request = request(options, level, placement, context);

        boolean drawn = !(placement instanceof SealPlacement.Invisible) || request.crossPage().isPresent();
        RasterSeal image = drawn && options.containsKey("--seal-image")
                ? rasterSeal(Path.of(options.get("--seal-image"))) : null;

        return withImportedKey(p12, passSource, context, (custody, key, work) -> {
            Path padesInput = input;
            if (sm2.isPresent()) {
                // dual sealing, SM2 first: the PAdES signature then covers the whole file (docs/sm2-seals.md)
                padesInput = work.resolve("sm2-sealed.pdf");
                KeyRef sm2Key = importKey(custody, "cli-sm2", sm2.get().p12(), sm2.get().pass(), context);
                SesSigner sesSigner = sesSigner(custody, sm2Key, sm2.get().seal());
                if (sesSigner == null) {
                    context.err().println("盖章失败: --sm2-p12 中不是 SM2 密钥");
                    return USAGE;
                }
                new SesPdfSealer(Clock.systemUTC()).seal(input, padesInput, sesSigner, SM2_FIELD);
            }
            var chain = custody.certificateChain(key);
            SealLayout layout = !drawn || image != null ? null
                    : SealLayout.compute(SealImageSpec.specialSeal(options.getOrDefault("--org", organization(chain.get(0))),
                    options.getOrDefault("--seal-name", "")));
            Optional<TimeStamper> stamper = Optional.ofNullable(options.get("--tsa-url")).map(url ->
                    TimeStamper.http(URI.create(url), HttpClient.newHttpClient(), Duration.ofSeconds(30)));
            PdfSealer sealer = new PdfSealer(new SealingContext(stamper, Optional.empty(), SealStatusCheck.none(),
                    work.resolve("tmp"), Clock.systemUTC()));
            SealResult result = sealer.seal(padesInput, output, new SealIdentity(custody, key, chain,
                    Optional.ofNullable(layout), Optional.ofNullable(image)), request);
            context.out().println("已盖章: " + output + " (签名域 " + result.fieldName() + ", " + result.level()
                    + (result.page() > 0 ? ", 第 " + result.page() + " 页" : ", 不可见") + ")");
            if (sm2.isPresent()) {
                context.out().println("另加 SM2 电子签章 (GB/T 38540, 签名域 " + SM2_FIELD + ", 在 PAdES 签章之前)");
            }
            context.out().println("输入 SHA-256: " + result.inputSha256());
            context.out().println("输出 SHA-256: " + result.outputSha256());
            return OK;
        });
    }

    @FunctionalInterface
    private interface KeyWork {
        int run(Pkcs12KeyCustody custody, KeyRef key, Path work) throws IOException;
    }

    /**
     * Imports the PKCS#12 key into a throw-away custody in a temporary directory, runs {@code job} with it and
     * deletes everything afterwards; failures become the command's exit code.
     */
    private static int withImportedKey(Path p12, SecretSource passSource, CommandContext context, KeyWork job) {
        Path work = null;
        FileSystemObjectStore store = null;
        try {
            work = Files.createTempDirectory("onewindow-sign-");
            store = new FileSystemObjectStore(work.resolve("custody"));
            Pkcs12KeyCustody custody = throwAwayCustody(store);
            return job.run(custody, importKey(custody, "cli-seal", p12, passSource, context), work);
        } catch (OnewindowException e) {
            context.err().println("盖章失败: " + e.getMessage());
            return e.status() >= 500 ? FAILED : USAGE;
        } catch (IOException | RuntimeException e) {
            context.err().println("盖章失败: " + e.getMessage());
            return FAILED;
        } finally {
            if (store != null) {
                store.close();
            }
            deleteTree(work);
        }
    }

    /** The OFD branch: SM2 key and certificate from the PKCS#12 file, the seal from {@code --ses-seal}. */
    private int signOfd(Map<String, String> options, Path input, Path output, Path p12, SecretSource passSource,
                        CommandContext context) {
        List<String> pdfOnly = PDF_ONLY.stream().filter(options::containsKey).sorted().toList();
        if (!pdfOnly.isEmpty()) {
            throw new UsageException("以下参数只用于 PDF: " + pdfOnly);
        }
        byte[] seal = readSesSeal(Path.of(required(options, "--ses-seal")));
        OfdSealPlacement placement = ofdPlacement(options);
        Optional<TimeStamper> stamper = Optional.ofNullable(options.get("--tsa-url")).map(url ->
                TimeStamper.http(URI.create(url), HttpClient.newHttpClient(), Duration.ofSeconds(30)));
        return withImportedKey(p12, passSource, context, (custody, key, work) -> {
            SesSigner sesSigner = sesSigner(custody, key, seal);
            if (sesSigner == null) {
                context.err().println("盖章失败: OFD 电子印章需要 SM2 密钥, PKCS#12 中是 "
                        + custody.publicKey(key).getAlgorithm());
                return USAGE;
            }
            byte[] sealed = new OfdSealer(Clock.systemUTC(), stamper).seal(Files.readAllBytes(input),
                    new OfdSealRequest(sesSigner, placement, stamper.isPresent(), options.containsKey("--close")));
            Files.write(output, sealed);
            context.out().println("已盖章: " + output + " (OFD, GB/T 38540 电子签章"
                    + (stamper.isPresent() ? ", 带时间戳" : "") + (options.containsKey("--close") ? ", 封闭" : "") + ")");
            return OK;
        });
    }

    /** The SM2 half of a dual-sealed PDF: key file, its passphrase and the seal. */
    private record Sm2Part(Path p12, SecretSource pass, byte[] seal) {
    }

    private static Optional<Sm2Part> sm2Part(Map<String, String> options) {
        boolean any = options.containsKey("--ses-seal") || options.containsKey("--sm2-p12")
                || options.containsKey("--sm2-pass-env") || options.containsKey("--sm2-pass-file");
        if (!any) {
            return Optional.empty();
        }
        Path p12 = Path.of(required(options, "--sm2-p12"));
        SecretSource pass = keyFile(options, p12, "--sm2-pass-env", "--sm2-pass-file");
        return Optional.of(new Sm2Part(p12, pass, readSesSeal(Path.of(required(options, "--ses-seal")))));
    }

    /** Checks that the PKCS#12 file exists and returns where its passphrase comes from (never the command line). */
    private static SecretSource keyFile(Map<String, String> options, Path p12, String envOption, String fileOption) {
        if (!Files.isRegularFile(p12)) {
            throw new UsageException("PKCS#12 文件不存在: " + p12);
        }
        if (options.containsKey(envOption)) {
            return SecretSource.environment(options.get(envOption));
        }
        if (options.containsKey(fileOption)) {
            return SecretSource.file(Path.of(options.get(fileOption)));
        }
        throw new UsageException("需要 " + envOption + " 或 " + fileOption + " (口令不在命令行上传递)");
    }

    /** Reads and parses a DER SESeal file: a clear message now rather than a broken signature later. */
    private static byte[] readSesSeal(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("印章文件不存在: " + file);
        }
        try {
            byte[] seal = Files.readAllBytes(file);
            SesSealParser.parse(seal);
            return seal;
        } catch (SesFormatException e) {
            throw new UsageException("不是电子印章文件 (SESeal): " + file + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new UsageException("无法读取印章文件 " + file + ": " + e.getMessage());
        }
    }

    /** An SM2 key in custody as a {@link SesSigner} with {@code seal}, or {@code null} when the key is not SM2. */
    private static SesSigner sesSigner(Pkcs12KeyCustody custody, KeyRef key, byte[] seal) {
        List<java.security.cert.X509Certificate> chain = custody.certificateChain(key);
        if (!Sm2.isSm2Key(chain.get(0).getPublicKey())) {
            return null;
        }
        CustodySigner signer = new CustodySigner(custody, key, SignatureAlgorithm.SM3_WITH_SM2);
        return new SesSigner() {
            @Override
            public java.security.cert.X509Certificate certificate() {
                return chain.get(0);
            }

            @Override
            public byte[] signSm3WithSm2(byte[] data) {
                return signer.sign(data);
            }

            @Override
            public byte[] seal() {
                return seal.clone();
            }
        };
    }

    private static OfdSealPlacement ofdPlacement(Map<String, String> options) {
        try {
            if (options.containsKey("--rect") && options.containsKey("--anchor")) {
                throw new UsageException("位置只能选一种: --rect 或 --anchor");
            }
            if (options.containsKey("--rect")) {
                double[] r = rect(options.get("--rect"));
                return new OfdSealPlacement.PageArea(Integer.parseInt(options.getOrDefault("--page", "1")), r[0], r[1],
                        r[2], r[3]);
            }
            if (options.containsKey("--anchor")) {
                return new OfdSealPlacement.Anchor(options.get("--anchor"),
                        Integer.parseInt(options.getOrDefault("--page", "0")),
                        Double.parseDouble(options.getOrDefault("--size", "40")));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("位置参数无效: " + e.getMessage());
        }
        throw new UsageException("需要盖章位置: --page/--rect 或 --anchor");
    }

    private static double[] rect(String value) {
        String[] parts = value.split(",");
        if (parts.length != 4) {
            throw new UsageException("--rect 格式为 x,y,宽,高 (毫米)");
        }
        double[] r = new double[4];
        for (int i = 0; i < 4; i++) {
            r[i] = Double.parseDouble(parts[i].trim());
        }
        return r;
    }

    private static Pkcs12KeyCustody throwAwayCustody(FileSystemObjectStore store) {
        String storagePassphrase = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
        return new Pkcs12KeyCustody(store,
                Pkcs12CustodyConfig.defaults(SecretSource.environment("ONEWINDOW_SIGN_CUSTODY")),
                Map.of("ONEWINDOW_SIGN_CUSTODY", storagePassphrase));
    }

    private static KeyRef importKey(Pkcs12KeyCustody custody, String alias, Path p12, SecretSource passSource,
                                    CommandContext context) throws IOException {
        char[] passphrase = passSource.resolve(context.env());
        try {
            return custody.importPkcs12(alias, Files.readAllBytes(p12), passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    private static SealRequest request(Map<String, String> options, PadesLevel level, SealPlacement placement,
                                       CommandContext context) {
        SealRequest request = SealRequest.of(level, placement, options.getOrDefault("--reason", ""),
                options.getOrDefault("--location", ""));
        if (options.containsKey("--field-name")) {
            try {
                request = request.withFieldName(options.get("--field-name"));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (options.containsKey("--certify")) {
            try {
                request = request.withCertification(CertificationLevel.ofP(Integer.parseInt(options.get("--certify"))));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--certify 取 1、2 或 3");
            }
        }
        if (options.containsKey("--cross-page")) {
            try {
                request = request.withCrossPage(CrossPageSeal.on(CrossPageSeal.Edge.parse(options.get("--cross-page"))));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--cross-page 取 right 或 left");
            }
        }
        if (options.containsKey("--pdf-password-env")) {
            String password = context.env().get(options.get("--pdf-password-env"));
            if (password == null) {
                throw new UsageException("环境变量 " + options.get("--pdf-password-env") + " 未设置");
            }
            request = request.withPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        return request;
    }

    /**
     * A seal image file checked and normalised as the registry's import does; printed at its stated resolution, or
     * {@value #DEFAULT_IMAGE_MM} mm wide when it states none.
     */
    private static RasterSeal rasterSeal(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UsageException("印模图片不存在: " + file);
        }
        try {
            ImportedSealImage imported = new SealImageImporter().importImage(Files.readAllBytes(file));
            double width = imported.widthMm().orElse(DEFAULT_IMAGE_MM);
            return new RasterSeal(imported.png(), width, width * imported.heightPx() / imported.widthPx());
        } catch (SealImageException | IllegalArgumentException e) {
            throw new UsageException("印模图片不可用: " + e.getMessage());
        } catch (IOException e) {
            throw new UsageException("印模图片读不出: " + e.getMessage());
        }
    }

    private static final double DEFAULT_IMAGE_MM = 40.0;

    private static SealPlacement placement(Map<String, String> options) {
        List<String> given = Stream.of("--field", "--rect", "--anchor", "--invisible").filter(options::containsKey)
                .toList();
        if (given.size() > 1) {
            throw new UsageException("位置只能选一种: " + given);
        }
        try {
            if (options.containsKey("--field")) {
                return new SealPlacement.Field(options.get("--field"));
            }
            if (options.containsKey("--rect")) {
                double[] r = rect(options.get("--rect"));
                return new SealPlacement.PageArea(Integer.parseInt(options.getOrDefault("--page", "1")), r[0], r[1],
                        r[2], r[3]);
            }
            if (options.containsKey("--anchor")) {
                return new SealPlacement.Anchor(options.get("--anchor"),
                        Integer.parseInt(options.getOrDefault("--page", "0")));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("位置参数无效: " + e.getMessage());
        }
        if (options.containsKey("--invisible")) {
            return new SealPlacement.Invisible();
        }
        throw new UsageException("需要盖章位置: --field、--page/--rect、--anchor 或 --invisible");
    }

    private static String organization(java.security.cert.X509Certificate certificate) {
        try {
            var name = new org.bouncycastle.asn1.x500.X500Name(certificate.getSubjectX500Principal().getName());
            var rdns = name.getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.O);
            if (rdns.length > 0) {
                return org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(rdns[0].getFirst().getValue());
            }
        } catch (RuntimeException ignored) {
            // fall through
        }
        throw new UsageException("证书主题中没有单位 (O), 请用 --org 给出印章上的单位名称");
    }

    private static Map<String, String> parse(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (FLAGS.contains(arg)) {
                options.put(arg, "");
            } else if (VALUED.contains(arg)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(arg + " 缺少取值");
                }
                if (options.put(arg, args.get(++i)) != null) {
                    throw new UsageException(arg + " 重复");
                }
            } else {
                throw new UsageException("未知参数: " + arg);
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new UsageException("缺少 " + name);
        }
        return value;
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a leftover temporary directory holds only an encrypted key file
        }
    }
}
