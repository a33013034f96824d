package app.waymark.workerapp;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import io.r2dbc.spi.ConnectionFactory;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ClassUtils;

/**
 * Counts the statements the application creates, by wrapping its connection factory: a
 * test's way to see how many queries a page costs.
 */
final class StatementCounter implements BeanPostProcessor {

	static final AtomicInteger STATEMENTS = new AtomicInteger();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		return bean instanceof ConnectionFactory factory ? counting(factory) : bean;
	}

	static int count() {
		return STATEMENTS.get();
	}

	private static Object counting(ConnectionFactory factory) {
		return proxy(factory, (proxy, method, args) -> {
			Object result = invoke(factory, method, args);
			if (method.getName().equals("create") && result instanceof Publisher<?> connections) {
				return Mono.from(connections).map(connection -> proxy(connection, (p, m, a) -> {
					if (m.getName().equals("createStatement")) {
						STATEMENTS.incrementAndGet();
					}
					return invoke(connection, m, a);
				}));
			}
			return result;
		});
	}

	private static Object proxy(Object target, InvocationHandler handler) {
		Class<?>[] interfaces = ClassUtils.getAllInterfacesForClass(target.getClass());
		return Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), interfaces, handler);
	}

	private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
