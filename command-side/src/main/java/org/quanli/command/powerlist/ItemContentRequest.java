package org.quanli.command.powerlist;

import static org.quanli.kernel.text.Text.strippedOrNull;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import org.quanli.kernel.codes.ExerciseLevel;
import org.quanli.kernel.codes.ItemType;
import org.quanli.kernel.powerlist.ItemContent;
import org.quanli.kernel.powerlist.LegalBasis;
import org.quanli.kernel.powerlist.LegalBasisKind;

/**
 * An item's content as clients send it, for a draft ({@code bodyId} required) or an amendment (no body). Field
 * limits are checked here and named in a 400; business rules are the aggregate's.
 */
record ItemContentRequest(
        @NotBlank(groups = Draft.class) @Size(min = 18, max = 18) String bodyId,
        @NotBlank @Size(max = 200) String name,
        @NotNull ItemType type,
        @Size(max = 50) List<@Valid @NotNull LegalBasisRequest> legalBases,
        @NotNull @Min(0) @Max(3650) Integer legalLimitDays,
        @NotNull @Min(0) @Max(3650) Integer promisedLimitDays,
        ExerciseLevel exerciseLevel,
        @Size(max = 64) String catalogueCode,
        @Size(max = 64) String implementationCode,
        @Size(max = 4000) String description,
        @Size(max = 100) List<@NotBlank @Size(max = 1000) String> conditions,
        @Size(max = 200) List<@Valid @NotNull MaterialRequest> materials,
        @Size(max = 50) List<@Valid @NotNull FeeRequest> fees,
        @Size(max = 50) List<@Valid @NotNull StepRequest> processSteps,
        @Size(max = 50) List<@NotBlank @Size(max = 200) String> relatedDepartments,
        @Size(max = 50) List<@Valid @NotNull RiskPointRequest> riskPoints,
        @Size(max = 200) List<@Valid @NotNull DiscretionRequest> discretionStandards,
        @Size(max = 100) List<@NotBlank @Size(max = 1000) String> responsibilities,
        @Size(max = 50) List<@NotBlank @Size(max = 500) String> supervisionChannels,
        @Valid PublicityRequest publicity) {

    /** Validation group of a new draft, which must name the body. */
    interface Draft extends Default {
    }

    record LegalBasisRequest(@NotNull LegalBasisKind kind, @NotBlank @Size(max = 300) String title,
                             @Size(max = 300) String article) {
    }

    record MaterialRequest(@NotBlank @Size(max = 300) String name, @Min(0) @Max(100) int originals,
                           @Min(0) @Max(100) int copies, boolean required) {
    }

    record FeeRequest(@NotBlank @Size(max = 300) String name, @Size(max = 500) String standard,
                      @Size(max = 500) String basis) {
    }

    record StepRequest(@NotBlank @Size(max = 100) String name, @Size(max = 200) String handlingUnit,
                       @Min(0) @Max(3650) Integer limitDays) {
    }

    record RiskPointRequest(@NotBlank @Size(max = 1000) String description, @Size(max = 2000) String controls) {
    }

    record DiscretionRequest(@NotBlank @Size(max = 500) String violation, @Size(max = 1000) String circumstances,
                             @NotBlank @Size(max = 1000) String penalty) {
    }

    record PublicityRequest(@NotNull Boolean isPublic, @Size(max = 1000) String reason,
                            @Size(max = 100) String filingReference) {
    }

    ItemContent toContent() {
        return new ItemContent(name.strip(), type,
                map(legalBases, b -> new LegalBasis(b.kind(), b.title().strip(), strippedOrNull(b.article()))),
                legalLimitDays, promisedLimitDays, exerciseLevel, strippedOrNull(catalogueCode), strippedOrNull(implementationCode),
                strippedOrNull(description), map(conditions, String::strip),
                map(materials, m -> new ItemContent.Material(m.name().strip(), m.originals(), m.copies(), m.required())),
                map(fees, f -> new ItemContent.Fee(f.name().strip(), strippedOrNull(f.standard()), strippedOrNull(f.basis()))),
                map(processSteps, s -> new ItemContent.ProcessStep(s.name().strip(), strippedOrNull(s.handlingUnit()), s.limitDays())),
                map(relatedDepartments, String::strip),
                map(riskPoints, r -> new ItemContent.RiskPoint(r.description().strip(), strippedOrNull(r.controls()))),
                map(discretionStandards, d -> new ItemContent.DiscretionStandard(d.violation().strip(),
                        strippedOrNull(d.circumstances()), d.penalty().strip())),
                map(responsibilities, String::strip), map(supervisionChannels, String::strip),
                publicity == null ? null : new ItemContent.Publicity(publicity.isPublic(), strippedOrNull(publicity.reason()),
                        strippedOrNull(publicity.filingReference())));
    }

    private static <A, B> List<B> map(List<A> list, java.util.function.Function<A, B> f) {
        return list == null ? List.of() : list.stream().map(f).toList();
    }
}
