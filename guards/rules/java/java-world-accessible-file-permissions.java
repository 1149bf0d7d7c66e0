package com.example.storage;

import android.content.Context;
import android.content.SharedPreferences;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

public class Storage {
    public SharedPreferences prefs(Context context) {
        // ruleid: java-world-accessible-file-permissions
        return context.getSharedPreferences("session", Context.MODE_WORLD_READABLE);
    }

    public void export(Path report) throws IOException {
        // ruleid: java-world-accessible-file-permissions
        Files.setPosixFilePermissions(report, PosixFilePermissions.fromString("rwxrwxrwx"));
    }

    public void share(File file) {
        // ruleid: java-world-accessible-file-permissions
        file.setWritable(true, false);
        // ruleid: java-world-accessible-file-permissions
        file.setReadable(true, false);
    }

    public void open(Path dir) throws IOException {
        Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        // ruleid: java-world-accessible-file-permissions
        perms.add(PosixFilePermission.OTHERS_WRITE);
        Files.setPosixFilePermissions(dir, perms);
    }

    public SharedPreferences privatePrefs(Context context) {
        // ok: java-world-accessible-file-permissions
        return context.getSharedPreferences("session", Context.MODE_PRIVATE);
    }

    public void lockDown(Path key, File file) throws IOException {
        // ok: java-world-accessible-file-permissions
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        // ok: java-world-accessible-file-permissions
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        // ok: java-world-accessible-file-permissions
        file.setReadable(true, true);
        // ok: java-world-accessible-file-permissions
        file.setWritable(false);
    }
}
