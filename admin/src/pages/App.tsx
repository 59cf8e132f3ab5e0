import { Layouts, Page, SubNav, useIsMobile } from '@strapi/strapi/admin';
import { Navigate, Outlet, Route, Routes } from 'react-router-dom';
import { MobileMenuLink, PLUGIN_BASE, PluginNav } from '../components/PluginNav';
import { useTranslate } from '../hooks/useTranslate';
import { ProtectedAccessPage } from './Access';
import { AnalyticsPage, MyUsagePage } from './Analytics';
import { ProtectedBudgetsPage } from './Budgets';
import { OverviewPage } from './Overview';
import { ProtectedRequestLogPage } from './RequestLog';

/** The plugin's menu as a page: what phone-width users open (as Strapi's Settings does there). */
const MenuPage = () => {
  const t = useTranslate();
  const isMobile = useIsMobile();
  if (!isMobile) return <Navigate to={PLUGIN_BASE} replace />;
  return (
    <>
      <Page.Title>{t('plugin.name', 'LLM')}</Page.Title>
      <SubNav.PageWrapper data-testid="llm-mobile-menu">
        <PluginNav isFullPage />
      </SubNav.PageWrapper>
    </>
  );
};

const WithNav = () => (
  <Layouts.Root sideNav={<PluginNav />}>
    <MobileMenuLink />
    <Outlet />
  </Layouts.Root>
);

const App = () => (
  <Routes>
    <Route path="menu" element={<MenuPage />} />
    <Route element={<WithNav />}>
      <Route index element={<OverviewPage />} />
      <Route path="me" element={<MyUsagePage />} />
      <Route path="analytics" element={<AnalyticsPage />} />
      <Route path="requests" element={<ProtectedRequestLogPage />} />
      <Route path="budgets" element={<ProtectedBudgetsPage />} />
      <Route path="access" element={<ProtectedAccessPage />} />
      <Route path="*" element={<Page.Error />} />
    </Route>
  </Routes>
);

export default App;
