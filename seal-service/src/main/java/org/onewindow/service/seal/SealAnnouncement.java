package org.onewindow.service.seal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Console text (Chinese) about the seal seed and the keystore passphrase, printed by {@code serve}. */
public final class SealAnnouncement {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private SealAnnouncement() {
    }

    /** What the seed did, the seals it made and how to log in to use them. */
    public static String of(SealSeeder.Result result, String publicUrl) {
        StringBuilder text = new StringBuilder();
        switch (result.outcome()) {
            case ALREADY_DONE -> text.append("电子印章: 已初始化 (首次启动时创建)，查看: ./onewindow seals list\n");
            case IN_PROGRESS_ELSEWHERE -> text.append("电子印章: 另一实例正在初始化默认印章\n");
            case CANCELLED -> text.append("电子印章: 初始化未完成 (服务已停止)，下次启动继续\n");
            case DISABLED -> text.append("电子印章: 未创建默认印章 (ONEWINDOW_DEMO_SEALS=false)\n");
            case SEEDED -> {
                List<Seal> created = result.created();
                text.append("==== 电子印章：已创建演示 PKI (敦煌市行政服务中心 演示根CA/签发CA，仅供演示) 与 ")
                        .append(created.size()).append(" 枚默认印章 ====\n");
                for (Seal seal : created) {
                    text.append(String.format("  %-26s %s (%s, 有效期至 %s)%n", seal.id(), seal.displayName(),
                            seal.kind().chineseName(), DATE.format(seal.certificate().notAfter())));
                }
                text.append("查看与管理: ").append(publicUrl).append("/api/seals 或 ./onewindow seals list\n");
                text.append("使用: 综合窗口用户可用受理专用章，中心审批用户可用审批专用章，部门审批用户只可用本部门印章；")
                        .append("印章管理员 (sealadmin) 管理印章但不能用章。演示账户与密码见启动输出的“演示账户”。\n");
            }
            default -> throw new IllegalStateException("unknown outcome " + result.outcome());
        }
        return text.toString();
    }

    /** The warning printed when the keystore runs on the published demo passphrase. */
    public static String demoPassphraseWarning() {
        return "警告: 未设置 ONEWINDOW_KEYSTORE_PASSPHRASE (或 _FILE)，印章与 CA 私钥用公开的演示口令加密存储，"
                + "只可用于演示；正式使用前请设置口令 (见 docs/configuration.md)。\n";
    }
}
