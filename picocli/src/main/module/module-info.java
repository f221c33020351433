/** picocli 4.7.7 as published (its META-INF/versions/9/module-info), compiled for this project's release. */
module info.picocli {
    requires static java.sql;
    exports picocli;
}
