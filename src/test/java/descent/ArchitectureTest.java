package descent;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The structure the project promises: tensor &lt;- ad internals &lt;- ad API &lt;- curvature &lt;- higher layers, no
 * cycles between packages, and a module that exports only the API.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("descent");

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("Tensor").definedBy("descent.tensor..")
                .layer("AdInternal").definedBy("descent.internal..")
                .layer("AdApi").definedBy("descent.ad..")
                .layer("Curvature").definedBy("descent.curvature..")
                .layer("Higher").definedBy("descent.optim..", "descent.constrained..", "descent.games..", "descent.bilevel..", "descent.finitesum..", "descent.coordinate..", "descent.stde..", "descent.pinn..", "descent.io..")
                .layer("Programs").definedBy("descent")
                .whereLayer("Tensor").mayNotAccessAnyLayer()
                .whereLayer("AdInternal").mayOnlyAccessLayers("Tensor")
                .whereLayer("AdInternal").mayOnlyBeAccessedByLayers("AdApi")
                .whereLayer("AdApi").mayOnlyAccessLayers("Tensor", "AdInternal")
                .whereLayer("Curvature").mayOnlyAccessLayers("Tensor", "AdApi")
                .whereLayer("Higher").mayOnlyAccessLayers("Tensor", "AdApi", "Curvature", "Higher")
                .check(MAIN);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("descent.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theModuleExportsTheApiAndNothingElse() throws Exception {
        Module m = descent.tensor.Tensor.class.getModule();
        ModuleDescriptor d;
        if (m.isNamed()) {
            d = m.getDescriptor();
        } else {
            java.nio.file.Path classes = java.nio.file.Path.of(descent.tensor.Tensor.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            try (var in = java.nio.file.Files.newInputStream(classes.resolve("module-info.class"))) {
                d = ModuleDescriptor.read(in);
            }
        }
        assertEquals("descent.core", d.name());
        Set<String> exported = new TreeSet<>();
        d.exports().forEach(e -> exported.add(e.source()));
        assertEquals(Set.of("descent.ad", "descent.bilevel", "descent.constrained", "descent.coordinate", "descent.curvature", "descent.finitesum", "descent.games", "descent.io", "descent.optim", "descent.pinn", "descent.pinn.zoo", "descent.stde", "descent.tensor"), exported);
        Set<String> internal = new TreeSet<>(d.packages());
        internal.removeAll(exported);
        internal.removeIf(p -> !p.startsWith("descent"));
        assertEquals(Set.of("descent", "descent.internal.plan", "descent.internal.trace", "descent.internal.transform"), internal);
    }
}
