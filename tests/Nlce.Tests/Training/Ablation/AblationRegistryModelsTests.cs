using Nlce.Models;
using Nlce.Training.Ablation;

namespace Nlce.Tests.Training.Ablation;

public sealed class AblationRegistryModelsTests
{
    [Fact]
    public void The_registry_factory_builds_each_variant_under_its_registered_name()
    {
        var create = AblationRegistryModels.Factory(ModelRegistry.Default, inputChannels: 1, classes: 2);
        foreach (var variant in Enum.GetValues<NlcenVariant>())
        {
            using var model = Assert.IsType<Nlcen>(create(variant));
            Assert.Equal(variant, model.Options.Variant);
            Assert.Equal(new ModelConfig(AblationRegistryModels.Names[variant], 1, 2), model.Config);
        }
    }

    [Fact]
    public void The_registry_factory_refuses_bad_sizes_and_undefined_variants()
    {
        Assert.Equal("Classes", Assert.Throws<ArgumentOutOfRangeException>(() => AblationRegistryModels.Factory(ModelRegistry.Default, 1, 1)).ParamName);
        var create = AblationRegistryModels.Factory(ModelRegistry.Default, 1, 2);
        Assert.Equal("variant", Assert.Throws<ArgumentOutOfRangeException>(() => create((NlcenVariant)9)).ParamName);
    }
}
