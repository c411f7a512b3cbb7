package org.onewindow.service.seal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The center's departments, read from {@code departments.tsv} next to this class (short name → full name, code,
 * seal name). The default seed makes one department seal per entry.
 */
public final class DepartmentDirectory {
    static final String RESOURCE = "departments.tsv";

    private final List<Department> departments;

    public DepartmentDirectory(List<Department> departments) {
        this.departments = List.copyOf(departments);
        if (this.departments.stream().map(Department::code).distinct().count() != this.departments.size()) {
            throw new IllegalArgumentException("department codes must be unique");
        }
    }

    /** The built-in list of the Dunhuang center. */
    public static DepartmentDirectory builtIn() {
        try (InputStream in = DepartmentDirectory.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the build");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DepartmentDirectory parse(BufferedReader reader) throws IOException {
        List<Department> list = new ArrayList<>();
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t");
            if (columns.length != 5) {
                throw new IllegalStateException(RESOURCE + " line " + number + ": expected 5 tab-separated columns");
            }
            list.add(new Department(columns[0].strip(), columns[1].strip(), columns[2].strip(), columns[3].strip(),
                    columns[4].strip()));
        }
        return new DepartmentDirectory(list);
    }

    public List<Department> all() {
        return departments;
    }

    /** The department a user record's department name means (short name, full name or code). */
    public Optional<Department> find(String name) {
        return departments.stream().filter(d -> d.isNamed(name)).findFirst();
    }

    public Optional<Department> byCode(String code) {
        return departments.stream().filter(d -> d.code().equals(code)).findFirst();
    }
}
