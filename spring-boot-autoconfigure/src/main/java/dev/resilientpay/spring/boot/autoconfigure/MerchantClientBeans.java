package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.PaymentClient;
import java.util.Map;
import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link PaymentClient} bean per configured merchant, named {@code <name>PaymentClient}
 * and qualified with the merchant name; each is the registry's client ({@link PaymentClients#get}).
 * Bean definitions must exist before any bean is created, so the merchant names are read from the
 * environment here rather than from the properties bean.
 */
class MerchantClientBeans implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanClassLoaderAware {

    static final String REGISTRY_BEAN = "resilientPayClients";

    private Environment environment;
    private ClassLoader classLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        ResilientPayProperties properties = Binder.get(environment)
                .bind("resilientpay", ResilientPayProperties.class)
                .orElseGet(ResilientPayProperties::new);
        Map<String, String> names = MerchantFactory.names(properties, classLoader);
        for (String name : names.keySet()) {
            RootBeanDefinition definition = new RootBeanDefinition();
            definition.setTargetType(PaymentClient.class);
            definition.setFactoryBeanName(REGISTRY_BEAN);
            definition.setFactoryMethodName("get");
            definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
            definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
            definition.setDestroyMethodName(""); // the registry closes its clients
            registry.registerBeanDefinition(name + "PaymentClient", definition);
        }
    }
}
