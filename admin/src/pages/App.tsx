import { Layouts, Page } from '@strapi/strapi/admin';
import { Route, Routes } from 'react-router-dom';
import { PluginNav } from '../components/PluginNav';
import { AnalyticsPage, MyUsagePage } from './Analytics';
import { ProtectedBudgetsPage } from './Budgets';
import { HomePage } from './HomePage';

const App = () => (
  <Layouts.Root sideNav={<PluginNav />}>
    <Routes>
      <Route index element={<HomePage />} />
      <Route path="me" element={<MyUsagePage />} />
      <Route path="analytics" element={<AnalyticsPage />} />
      <Route path="budgets" element={<ProtectedBudgetsPage />} />
      <Route path="*" element={<Page.Error />} />
    </Routes>
  </Layouts.Root>
);

export default App;
