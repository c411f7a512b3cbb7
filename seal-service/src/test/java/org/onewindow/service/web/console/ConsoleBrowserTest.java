package org.onewindow.service.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.onewindow.service.config.Config;
import org.onewindow.service.identity.Role;
import org.onewindow.service.testsupport.TestApp;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real headless Chromium (Debian {@code chromium} + {@code chromium-driver}) against the service
 * running in-process with seeded seals and the item catalog: a case goes from the window through the department and
 * the center to issuance, and the public page verifies the issued PDF. The tests run in order and share the case.
 *
 * <p>Screenshots of the main screens are written to the directory named by the system property
 * {@value #SCREENSHOTS} (e.g. {@code -Donewindow.console.screenshots=../docs/console}), and only then.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final String SCREENSHOTS = "onewindow.console.screenshots";
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "console-pass-1";
    private static final String ITEM = "620982-XK-0014"; // 建筑工程施工许可证核发, 住建局(人防办): M01-M04 主件, S01-S02 副件
    private static final String DEPARTMENT = "住建局(人防办)";

    @TempDir
    static Path dir;
    static TestApp http;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static String base;
    /** The case the scenario tests share. */
    static String caseId;
    static String verificationId;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isExecutable(CHROMIUM), "Chromium is missing at " + CHROMIUM
                + ": install the Debian packages 'chromium' and 'chromium-driver' (apt-get install chromium chromium-driver)");
        assertTrue(Files.isExecutable(CHROMEDRIVER), "ChromeDriver is missing at " + CHROMEDRIVER
                + ": install the Debian package 'chromium-driver' (apt-get install chromium-driver)");
        http = new TestApp(dir, Map.of(Config.DEMO_SEALS, "true", Config.SEAL_KEY_TYPE, "ec-p256"), Map.of());
        http.addUser("clerk", PASSWORD, null, Role.WINDOW_CLERK);
        http.addUser("approver", PASSWORD, DEPARTMENT, Role.DEPARTMENT_APPROVER);
        http.addUser("center", PASSWORD, null, Role.CENTER_APPROVER);
        http.addUser("admin", PASSWORD, null, Role.SYSTEM_ADMIN, Role.SEAL_ADMIN, Role.AUDITOR);
        base = "http://127.0.0.1:" + http.port;

        // The driver and the browser are named explicitly, so Selenium Manager is never asked (no downloads).
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,800", "--lang=zh-CN", "--hide-scrollbars", "--force-device-scale-factor=1");
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // --window-size is the outer size: grow the window until the page itself has 1280x800.
        driver.get(base + "/healthz");
        List<?> chrome = (List<?>) driver.executeScript(
                "return [window.outerWidth - window.innerWidth, window.outerHeight - window.innerHeight];");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280 + ((Number) chrome.get(0)).intValue(),
                800 + ((Number) chrome.get(1)).intValue()));
        http.app.sealSeed().get(); // the seals the flow applies
    }

    @AfterAll
    static void stop() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (http != null) {
                http.close();
            }
        }
    }

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedWithAChineseMessage() {
        driver.get(base + "/");
        wait.until(ExpectedConditions.urlContains("#/login"));
        type("#login-user", "clerk");
        type("#login-password", "not-the-password");
        click("#login-submit");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#login-error .bad")));
        assertEquals("用户名或密码错误，请重新输入。", error.getText().lines().findFirst().orElse(""));
        assertEquals("alert", error.getAttribute("role"));
        assertTrue(driver.findElements(By.id("who-name")).isEmpty(), "not logged in");
        screenshot("login");
    }

    @Test
    @Order(2)
    void theClerkOpensACaseUploadsScansAndAccepts() throws Exception {
        login("clerk");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("home-stats")));
        go("#/new");
        type("#item-search", "施工许可");
        click(".item-choice[data-code='" + ITEM + "']");
        waitText("#item-picked", "已选择：" + ITEM);
        type("#applicant-name", "敦煌市莫高建筑工程有限公司");
        type("#applicant-phone", "0937-8861234");
        click("#case-create");
        wait.until(ExpectedConditions.urlMatches("#/case/DH\\d{14}$"));
        caseId = driver.getCurrentUrl().replaceAll(".*#/case/", "");
        waitText("#checklist-summary", "缺少主件");
        assertTrue(driver.findElement(By.id("action-accept")).getAttribute("disabled") != null,
                "acceptance is impossible while a 主件 is missing");

        // Three 主件 through the file input, one dropped on its drop zone (a real drop event with a File).
        for (String code : List.of("M01", "M02", "M03")) {
            uploadByInput(code, "建筑工程施工许可申请材料 " + code);
        }
        screenshot("clerk-upload", "#checklist-summary");
        dropFile("M04", scan("建筑工程施工许可申请材料 M04"));
        waitText("#mat-M04 .mstatus", "已收");
        waitText("#checklist-summary", "可容缺受理");
        assertEquals("容缺受理", driver.findElement(By.id("action-accept")).getText());
        imageLoaded("accept-seal-preview"); // the 受理专用章 the acceptance will apply, shown before
        screenshot("clerk-accept", "#actions");

        // 受理 makes and seals the 受理通知书 on the server: the console only offers it for printing.
        click("#action-accept");
        waitText("#case-state", "容缺受理");
        WebElement notice = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("notice-open")));
        assertEquals("application/pdf", fetchContentType(notice.getAttribute("href")));
        waitText("#notice", "已出具并加盖受理专用章");
        assertTrue(driver.findElements(By.id("notice-create")).isEmpty(), "the console makes no notice of its own");
        imageLoaded("handover-seal-preview");
        click("#action-handover");
        waitText("#case-state", "转办");
        assertEquals(List.of("受理通知书", "材料交接单（第1次转办）"), documentTitles());
        // Page previews are rendered in the background; the page shows them once they exist.
        new WebDriverWait(driver, Duration.ofSeconds(180)).until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const i = document.querySelector('#thumbs-M04 img'); return !!i && i.complete && i.naturalWidth > 0;"));
        screenshot("clerk-case", "#materials");
    }

    @Test
    @Order(3)
    void theDepartmentReadsTheScansWithTheirTextAndReturnsTheCaseOnce() throws IOException {
        login("approver");
        waitText("#todo-review", caseId);
        go("#/review");
        click("#review-queue a[href='#/case/" + caseId + "']");
        assertEquals("签收交接单并开始审核", wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.id("action-review"))).getText());
        imageLoaded("receipt-seal-preview");
        waitText("#receipt-seal-preview-name", "住房和城乡建设局");
        click("#action-review");
        waitText("#case-state", "审核");
        // 材料交接签收: the window's receipt now also carries the department's signature.
        String receipt = driver.findElements(By.cssSelector("#documents .docline")).stream().map(WebElement::getText)
                .filter(t -> t.startsWith("材料交接单（第1次转办）")).findFirst().orElseThrow();
        assertTrue(receipt.contains("版本 3") && receipt.contains("受理专用章") && receipt.contains("住房和城乡建设局"), receipt);
        // The page image and its OCR text side by side (Tesseract runs in the background: wait for it).
        new WebDriverWait(driver, Duration.ofSeconds(240)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#ocr-text.done")));
        String text = driver.findElement(By.id("ocr-text")).getText().replace(" ", "");
        assertTrue(text.contains("施工许可"), "OCR text of M01: " + text);
        screenshot("department-review", "#compare");

        type("#return-reasons", "副件未提交：请补交施工图设计文件审查合格书\n请补交建设资金落实证明");
        click("#return-form input.supplement[value='S01']");
        click("#return-form input.supplement[value='S02']");
        click("#action-return");
        waitText("#case-state", "退回补正");
        waitText("#returns", "第 1 次");

        login("clerk");
        go("#/case/" + caseId);
        waitText("#actions", "尚未出具一次性告知书");
        waitText("#actions", "补正材料未齐");
        // Handing over now is refused by the service: its problem is shown as a Chinese sentence with the detail.
        click("#action-handover");
        waitText("#step-handover .bad", "无法办理：");
        imageLoaded("correction-seal-preview");
        screenshot("clerk-correction", "#correction");
        click("#action-notify"); // the server makes the 一次性告知书 of this return, sealed with the 受理专用章
        WebElement correction = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("correction-open")));
        assertEquals("application/pdf", fetchContentType(correction.getAttribute("href")));
        uploadByInput("S01", "施工图设计文件审查合格书 S01");
        uploadByInput("S02", "建设资金落实证明 S02");
        waitText("#checklist-summary", "材料齐全");
        click("#action-handover");
        waitText("#case-state", "转办");
        assertEquals(List.of("受理通知书", "材料交接单（第1次转办）", "一次性告知书（第1次退回）", "材料交接单（第2次转办）"),
                documentTitles());
    }

    @Test
    @Order(4)
    void theDepartmentApprovesAndSignsAfterPreviewingItsSeal() {
        login("approver");
        go("#/case/" + caseId);
        click("#action-review");
        waitText("#case-state", "审核");
        assertTrue(driver.findElement(By.id("return-form")).getText().contains("再次退回须说明理由"),
                "a second return asks for a justification");
        // The seal the decision will be signed with is shown before deciding (the service signs at 决定).
        imageLoaded("seal-preview");
        waitText("#decision-seal", "住房和城乡建设局");
        type("#decide-reason", "材料齐全，符合法定条件");
        type("#decide-license", "620982202611250101");
        screenshot("department-sign", "#decide-form");
        click("#action-decide");
        waitText("#case-state", "决定");
        waitText("#decision-doc", "决定书已签章");
        String decision = driver.findElement(By.cssSelector("#decision-doc .docline")).getText();
        assertTrue(decision.startsWith("准予行政许可决定书") && decision.contains("版本 2")
                && decision.contains("住房和城乡建设局"), decision);
    }

    @Test
    @Order(5)
    void theCenterSealsAndCompletesAndTheWindowIssues() {
        login("center");
        waitText("#todo-seal", caseId);
        go("#/seal");
        click("#seal-queue a[href='#/case/" + caseId + "']");
        imageLoaded("approval-preview");
        waitText("#center-seal", "审批专用章");
        screenshot("center-seal", "#center-seal");
        click("#action-complete"); // the service adds the 审批专用章 to the decision at 办结
        waitText("#case-state", "办结");
        String decision = driver.findElements(By.cssSelector("#documents .docline")).stream().map(WebElement::getText)
                .filter(t -> t.startsWith("准予行政许可决定书")).findFirst().orElseThrow();
        assertTrue(decision.contains("版本 3") && decision.contains("审批专用章"), decision);
        // The 中心 menu's 审计日志 works for the center (read access to the audit search).
        click("nav a[href='#/audit']");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-form")));
        type("#audit-case", caseId);
        click("#audit-search");
        waitText("#audit-table", "办件办结（case.complete）");

        login("clerk");
        waitText("#todo-issue", caseId);
        go("#/case/" + caseId);
        click("#issue-run");
        WebElement id = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("verification-id")));
        verificationId = id.getText();
        assertTrue(verificationId.matches("[A-Z2-7]{20}"), verificationId);
        waitText("#case-state", "出件");
        screenshot("clerk-issued", "#actions");
    }

    @Test
    @Order(6)
    void thePublicPageVerifiesTheIssuedPdf() throws Exception {
        TestApp.Browser clerk = http.login("clerk", PASSWORD);
        String documentId = null;
        for (var document : TestApp.tree(http.send("GET", "/api/cases/" + caseId, clerk.headers(false)))
                .path("documents")) {
            if (document.path("type").asText().equals("DECISION") && document.path("action").asText().equals("issue")) {
                documentId = document.path("documentId").asText();
                assertEquals(verificationId, document.path("verificationId").asText());
            }
        }
        assertTrue(documentId != null, "the decision is stored with the case");
        HttpResponse<byte[]> pdf = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(base + "/api/documents/" + documentId + "/versions/latest")).header("Cookie", clerk.cookie())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        Path file = dir.resolve("issued.pdf");
        Files.write(file, pdf.body());

        driver.get(base + "/verify");
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.cssSelector("form[enctype] button[type=submit]")).click();
        waitText("main", "真实有效");
        String page = driver.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("哈希值一致"), page);
        assertTrue(page.contains(verificationId), page);
        assertTrue(page.contains("审批专用章"), page);
        screenshot("public-verify");
    }

    @Test
    @Order(7)
    void theNewCaseFormWorksWithTheKeyboardAlone() {
        login("clerk");
        go("#/new");
        wait.until(d -> "item-search".equals(active().getAttribute("id")));
        active().sendKeys("XK-0014");
        active().sendKeys(Keys.ARROW_DOWN);
        assertEquals(ITEM, active().getAttribute("data-code"));
        active().sendKeys(Keys.ENTER);
        waitText("#item-picked", "已选择：" + ITEM);
        assertEquals("applicant-name", active().getAttribute("id"), "choosing the item moves on to the applicant");
        active().sendKeys("键盘测试申请人");
        active().sendKeys(Keys.TAB);
        assertEquals("applicant-id", active().getAttribute("id"));
        active().sendKeys(Keys.TAB);
        assertEquals("applicant-phone", active().getAttribute("id"));
        active().sendKeys(Keys.TAB);
        assertEquals("case-create", active().getAttribute("id"));
        active().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.urlMatches("#/case/DH\\d{14}$"));
        waitText("#case-summary", "键盘测试申请人");
    }

    @Test
    @Order(8)
    void everyMainScreenFits1280x800WithoutHorizontalScrolling() {
        login("admin");
        List<String[]> screens = List.of(new String[] {"#/home", "admin-home"},
                new String[] {"#/cases", "cases"}, new String[] {"#/case/" + caseId, null},
                new String[] {"#/supervision", "supervision"}, new String[] {"#/audit", "audit"},
                new String[] {"#/admin/users", "admin-users"}, new String[] {"#/admin/seals", "admin-seals"},
                new String[] {"#/admin/catalog", "admin-catalog"});
        for (String[] screen : screens) {
            go(screen[0]);
            // Checked in the page in one go: parts of a screen are replaced while it loads (stale elements).
            wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return [...document.querySelectorAll("
                    + "'#main .muted')].every(e => !e.textContent.startsWith('正在'));"));
            Map<?, ?> size = (Map<?, ?>) ((JavascriptExecutor) driver).executeScript(
                    "return {scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,"
                            + " inner: window.innerWidth};");
            assertEquals(1280L, ((Number) size.get("inner")).longValue(), "the viewport is 1280 wide");
            assertTrue(((Number) size.get("scroll")).longValue() <= ((Number) size.get("client")).longValue(),
                    screen[0] + " scrolls horizontally: " + size);
            if (screen[0].equals("#/supervision")) {
                // GET /api/supervision/figures answers: either charts of its figures or 暂无数据, never "not provided".
                wait.until(d -> !d.findElements(By.cssSelector("#figures svg, #figures-empty")).isEmpty());
                assertFalse(driver.findElement(By.id("figures")).getText().contains("尚未提供"),
                        driver.findElement(By.id("figures")).getText());
                wait.until(d -> !d.findElements(By.cssSelector("#computed svg")).isEmpty());
            }
            if (screen[0].equals("#/admin/seals")) {
                click("#seal-list a");
                waitText("#seal-detail", "证书序列号");
            }
            if (screen[1] != null) {
                screenshot(screen[1]);
            }
        }
    }

    @Test
    @Order(9)
    void supervisionFiguresOfAnyReasonableShapeAreCharted() {
        login("admin");
        go("#/supervision");
        // The page reads the figures of GET /api/supervision/figures and tolerates other reasonable shapes.
        List<?> shapes = (List<?>) driver.executeScript(
                "const rows = [figureRows({groups: [{group: '综合窗口', counts: {overdue: 3, returns: 1}},"
                        + " {group: '商事登记', counts: {overdue: 1, returns: 0}}]}),"
                        + " figureRows([{department: '住建局', overdue: 2, name: undefined}]),"
                        + " figureRows({'不动产登记': {overdue: 4}}),"
                        + " figureRows({figures: []}), figureRows(null), figureRows({by: 'window'}),"
                        + " figureRows({by: 'WINDOW', rows: [{key: '综合窗口', cases: 2, overdue: 1,"
                        + " averageWorkingDays: 1.5}], total: {key: '合计', cases: 2}})];"
                        + "const chart = barChart('超期', rows[0], 'overdue', '#b71c1c');"
                        + "return rows.map(r => r.map(x => x.label + ':' + JSON.stringify(x.values)).join('|'))"
                        + ".concat([String(chart.querySelectorAll('rect').length),"
                        + " barChart('超期', [], 'overdue', '#000').textContent]);");
        assertEquals("综合窗口:{\"overdue\":3,\"returns\":1}|商事登记:{\"overdue\":1,\"returns\":0}", shapes.get(0));
        assertEquals("住建局:{\"overdue\":2}", shapes.get(1));
        assertEquals("不动产登记:{\"overdue\":4}", shapes.get(2));
        assertEquals("", shapes.get(3));
        assertEquals("", shapes.get(4));
        assertEquals("", shapes.get(5));
        // The shape GET /api/supervision/figures answers (SupervisionRoutes): rows by key, the total left out.
        assertEquals("综合窗口:{\"cases\":2,\"overdue\":1,\"averageWorkingDays\":1.5}", shapes.get(6));
        assertEquals("2", shapes.get(7), "one bar per group");
        assertTrue(((String) shapes.get(8)).contains("暂无数据"));
    }

    @Test
    @Order(10)
    void theAdministratorAddsAUserAndSuspendsAndResumesASeal() {
        login("admin");
        go("#/admin/users");
        type("#u-id", "clerk2");
        type("#u-name", "赵窗口");
        click("#user-form input[value='WINDOW_CLERK']");
        click("#user-form button[type=submit]");
        waitText("#user-list", "赵窗口");
        WebElement shown = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#main .note code")));
        assertTrue(shown.getText().length() >= 12, "the generated password is shown once");

        go("#/admin/seals");
        click("#seal-list tbody tr:last-child a");
        waitText("#seal-status", "有效");
        click("#seal-suspend");
        waitText("#seal-status", "已暂停");
        click("#seal-resume");
        waitText("#seal-status", "有效");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static void login(String user) {
        driver.get(base + "/console#/login");
        wait.until(ExpectedConditions.urlContains("#/login"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        type("#login-user", user);
        type("#login-password", PASSWORD);
        click("#login-submit");
        wait.until(ExpectedConditions.urlContains("#/home"));
        waitText("#who-name", user); // the test users' display names are their ids
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("home-stats")));
    }

    private static void go(String hash) {
        driver.get(base + "/console" + hash);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("page-title")));
    }

    private static void type(String css, String text) {
        WebElement element = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
        element.clear();
        element.sendKeys(text);
    }

    private static void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    private static void waitText(String css, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
    }

    /** Waits until the image with this id has loaded (a seal preview). */
    private static void imageLoaded(String id) {
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript(
                "const i = document.getElementById(arguments[0]); return !!i && i.complete && i.naturalWidth > 0;", id));
    }

    /** The titles of the case's documents as the page lists them. */
    private static List<String> documentTitles() {
        return driver.findElements(By.cssSelector("#documents .docline a")).stream().map(WebElement::getText).toList();
    }

    private static WebElement active() {
        return driver.switchTo().activeElement();
    }

    private static void uploadByInput(String code, String text) throws IOException {
        Path file = dir.resolve(code + "-" + System.nanoTime() + ".png");
        Files.write(file, scan(text));
        WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("file-" + code)));
        input.sendKeys(file.toAbsolutePath().toString());
        waitText("#mat-" + code + " .mstatus", "已收");
    }

    /** Dispatches a real drop event carrying a File on the material's drop zone. */
    private static void dropFile(String code, byte[] png) {
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drop-" + code)));
        ((JavascriptExecutor) driver).executeScript(
                "const bytes = Uint8Array.from(atob(arguments[1]), c => c.charCodeAt(0));"
                        + "const dt = new DataTransfer();"
                        + "dt.items.add(new File([bytes], 'scan-' + arguments[0] + '.png', {type: 'image/png'}));"
                        + "const zone = document.getElementById('drop-' + arguments[0]);"
                        + "zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                        + "zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));",
                code, Base64.getEncoder().encodeToString(png));
    }

    /** The Content-Type of a same-origin URL, fetched by the page (with its session cookie). */
    private static String fetchContentType(String url) {
        return (String) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => done(r.headers.get('Content-Type')))"
                        + ".catch(e => done('error ' + e));", url);
    }

    /** A scanned page: an A5-sized white sheet at 150 dpi with a Chinese title OCR can read. */
    private static byte[] scan(String title) {
        BufferedImage image = new BufferedImage(874, 1240, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font("WenQuanYi Zen Hei", Font.PLAIN, 40));
            g.drawString(title, 60, 160);
            g.setFont(new Font("WenQuanYi Zen Hei", Font.PLAIN, 28));
            g.drawString("申请单位：敦煌市莫高建筑工程有限公司", 60, 260);
            g.drawString("项目名称：敦煌市沙州镇综合楼", 60, 320);
        } finally {
            g.dispose();
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void screenshot(String name) {
        screenshot(name, null);
    }

    /** Saves the viewport (scrolled to {@code css} when given, the toast hidden) when the property asks for it. */
    private static void screenshot(String name, String css) {
        String target = System.getProperty(SCREENSHOTS);
        if (target == null || target.isBlank()) {
            return;
        }
        driver.executeScript("const toast = document.getElementById('toast'); if (toast) { toast.style.transition = 'none';"
                + " toast.classList.remove('show'); }"
                + "if (arguments[0]) { document.querySelector(arguments[0]).scrollIntoView({block: 'start'});"
                + " window.scrollBy(0, -12); } else { window.scrollTo(0, 0); }"
                + "if (document.activeElement && document.activeElement.blur) document.activeElement.blur();", css);
        try {
            Path directory = Path.of(target);
            Files.createDirectories(directory);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), directory.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
